package io.meseta.gateway.security;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.ServerWebSocket;

/**
 * Closes a WebSocket that sends more than the limits allow with status 1009 (message too big) and
 * a reason naming the limit; without this the frame decoder drops the connection without a word
 * (1006) and an oversized message is silently discarded.
 */
public final class WebSocketLimits {
  private static final short MESSAGE_TOO_BIG = 1009;

  private WebSocketLimits() {}

  public static void closeOversized(ServerWebSocket socket, InputLimits limits) {
    socket.exceptionHandler(e -> {
      if (socket.isClosed()) {
        return;
      }
      if (e instanceof CorruptedWebSocketFrameException corrupted) {
        boolean tooBig = corrupted.closeStatus() != null
            && corrupted.closeStatus().code() == MESSAGE_TOO_BIG;
        socket.close(tooBig ? MESSAGE_TOO_BIG : (short) 1002, tooBig
            ? "Frame over " + limits.maxWebSocketFrameBytes() + " bytes"
                + " (limits.max_websocket_frame_bytes)"
            : "Invalid WebSocket frame");
      } else if (e instanceof IllegalStateException) {
        // The frame aggregator's way of saying a message grew past the message limit.
        socket.close(MESSAGE_TOO_BIG, "Message over " + limits.maxWebSocketMessageBytes()
            + " bytes (limits.max_websocket_message_bytes)");
      }
    });
  }
}
