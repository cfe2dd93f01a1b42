package io.meseta.gateway.security;

import java.time.Duration;
import java.util.Objects;

/**
 * The most any client may send, checked at the gateway before a service sees the input. Each
 * has a default generous enough for every legitimate Mesos call (conf/meseta.yaml, section
 * {@code limits}) and answers a clear error when hit.
 *
 * @param maxWebSocketFrameBytes one WebSocket frame; a larger one closes the socket (1009)
 * @param maxWebSocketMessageBytes one reassembled WebSocket message; likewise
 * @param maxBodyBytes one HTTP request body; a larger one answers 413
 * @param maxJsonDepth nesting of objects and arrays in a JSON call; deeper answers 400 before the
 *     protobuf decoder sees it (Mesos' deepest legitimate call nests about 15 levels)
 * @param maxIdLength framework, task, executor and agent ids (Mesos: NAME_MAX, 255)
 * @param maxTasksPerAccept tasks launched by one ACCEPT, over all its operations
 * @param maxOffersPerAccept offer ids named by one ACCEPT or DECLINE
 * @param idleTimeout a connection on which nothing is read or written for this long is closed
 *     (framework and operator streams carry heartbeats, agents pings, so only idle ones go)
 */
public record InputLimits(
    int maxWebSocketFrameBytes,
    int maxWebSocketMessageBytes,
    int maxBodyBytes,
    int maxJsonDepth,
    int maxIdLength,
    int maxTasksPerAccept,
    int maxOffersPerAccept,
    Duration idleTimeout) {

  private static final int MIB = 1024 * 1024;

  public InputLimits {
    atLeast(maxWebSocketFrameBytes, 1024, "limits.max_websocket_frame_bytes");
    atLeast(maxWebSocketMessageBytes, maxWebSocketFrameBytes,
        "limits.max_websocket_message_bytes (at least the frame limit)");
    atLeast(maxBodyBytes, 1024, "limits.max_body_bytes");
    atLeast(maxJsonDepth, 16, "limits.max_json_depth");
    atLeast(maxIdLength, 1, "limits.max_id_length");
    atLeast(maxTasksPerAccept, 1, "limits.max_tasks_per_accept");
    atLeast(maxOffersPerAccept, 1, "limits.max_offers_per_accept");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("limits.idle_timeout must be at least 1s, got "
          + idleTimeout + ": shorter would cut connections between two heartbeats");
    }
  }

  public static InputLimits defaults() {
    return new InputLimits(16 * MIB, 64 * MIB, 16 * MIB, 64, 255, 10_000, 1_000,
        Duration.ofSeconds(60));
  }

  public InputLimits withMaxWebSocketMessageBytes(int frame, int message) {
    return new InputLimits(frame, message, maxBodyBytes, maxJsonDepth, maxIdLength,
        maxTasksPerAccept, maxOffersPerAccept, idleTimeout);
  }

  public InputLimits withMaxBodyBytes(int bytes) {
    return new InputLimits(maxWebSocketFrameBytes, maxWebSocketMessageBytes, bytes, maxJsonDepth,
        maxIdLength, maxTasksPerAccept, maxOffersPerAccept, idleTimeout);
  }

  public InputLimits withPerAccept(int tasks, int offers) {
    return new InputLimits(maxWebSocketFrameBytes, maxWebSocketMessageBytes, maxBodyBytes,
        maxJsonDepth, maxIdLength, tasks, offers, idleTimeout);
  }

  public InputLimits withIdleTimeout(Duration timeout) {
    return new InputLimits(maxWebSocketFrameBytes, maxWebSocketMessageBytes, maxBodyBytes,
        maxJsonDepth, maxIdLength, maxTasksPerAccept, maxOffersPerAccept, timeout);
  }

  private static void atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
  }
}
