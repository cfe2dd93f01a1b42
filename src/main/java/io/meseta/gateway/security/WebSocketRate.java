package io.meseta.gateway.security;

import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import java.util.function.Consumer;

/**
 * The message rate of one WebSocket: messages beyond the token bucket are dropped and the sender
 * told, through {@code overLimit}, at most once a second (telling it every time would let a
 * flood double itself in answers).
 */
public final class WebSocketRate {
  private static final long NOTICE_EVERY_NANOS = 1_000_000_000L;

  private WebSocketRate() {}

  /** {@code onText}, behind the socket's token bucket. */
  public static Handler<String> limit(RateLimits rates, Handler<String> onText,
      Consumer<String> overLimit) {
    TokenBucket bucket = new TokenBucket(rates.webSocketMessagesPerSecond(),
        rates.webSocketMessageBurst(), System.nanoTime());
    String message = "Message dropped: this connection sent more than "
        + rates.webSocketMessagesPerSecond() + " messages per second (burst "
        + rates.webSocketMessageBurst() + "; limits.websocket_messages_per_second and"
        + " limits.websocket_message_burst); send more slowly";
    long[] lastNotice = {System.nanoTime() - NOTICE_EVERY_NANOS};
    return text -> {
      long now = System.nanoTime();
      if (bucket.tryTake(now)) {
        onText.handle(text);
      } else if (now - lastNotice[0] >= NOTICE_EVERY_NANOS) {
        lastNotice[0] = now;
        overLimit.accept(message);
      }
    };
  }

  /** For agents: one that floods is broken, so its socket closes (1008); it reconnects. */
  public static Consumer<String> closing(ServerWebSocket socket) {
    return message -> {
      if (!socket.isClosed()) {
        socket.close((short) 1008, message.length() > 120 ? "Over the message rate"
            + " (limits.websocket_messages_per_second)" : message);
      }
    };
  }
}
