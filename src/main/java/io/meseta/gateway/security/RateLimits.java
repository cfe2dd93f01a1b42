package io.meseta.gateway.security;


/**
 * How fast and how many: message and request rates (token buckets) and connection caps, so that
 * one client's flood cannot starve the frameworks and agents already served (conf/meseta.yaml,
 * section {@code limits}; defaults far above what any legitimate client sends).
 *
 * @param webSocketMessagesPerSecond messages one scheduler or agent WebSocket may send per
 *     second, sustained; excess messages are dropped (scheduler: an ERROR event names the limit;
 *     agent: the socket is closed with 1008 and the agent reconnects)
 * @param webSocketMessageBurst messages a WebSocket may send at once
 * @param httpRequestsPerSecond HTTP requests per second per authenticated principal (per remote
 *     address when unauthenticated); excess requests answer 429 with {@code Retry-After}
 * @param httpRequestBurst requests at once, likewise
 * @param maxConnectionsPerAddress open HTTP connections from one remote address on one master
 *     node; an excess connection's request answers 503 and the connection is closed. Vert.x 5
 *     announces an HTTP/1 connection when its first request's headers are complete, so a
 *     connection counts from then on; one that never sends a request is closed by
 *     {@code limits.idle_timeout}
 * @param maxConnections open connections on one master node, likewise
 */
public record RateLimits(
    int webSocketMessagesPerSecond,
    int webSocketMessageBurst,
    int httpRequestsPerSecond,
    int httpRequestBurst,
    int maxConnectionsPerAddress,
    int maxConnections) {

  public RateLimits {
    atLeast(webSocketMessagesPerSecond, 1, "limits.websocket_messages_per_second");
    atLeast(webSocketMessageBurst, 1, "limits.websocket_message_burst");
    atLeast(httpRequestsPerSecond, 1, "limits.http_requests_per_second");
    atLeast(httpRequestBurst, 1, "limits.http_request_burst");
    atLeast(maxConnectionsPerAddress, 1, "limits.max_connections_per_address");
    atLeast(maxConnections, maxConnectionsPerAddress,
        "limits.max_connections (at least limits.max_connections_per_address)");
  }

  public static RateLimits defaults() {
    // Sized for a high-throughput cluster: a busy framework acknowledges tens of thousands of
    // updates a second, load generators share a few loopback addresses among 10,000s of agents.
    return new RateLimits(20_000, 50_000, 2_000, 5_000, 20_000, 100_000);
  }

  public RateLimits withWebSocketRate(int perSecond, int burst) {
    return new RateLimits(perSecond, burst, httpRequestsPerSecond, httpRequestBurst,
        maxConnectionsPerAddress, maxConnections);
  }

  public RateLimits withHttpRate(int perSecond, int burst) {
    return new RateLimits(webSocketMessagesPerSecond, webSocketMessageBurst, perSecond, burst,
        maxConnectionsPerAddress, maxConnections);
  }

  public RateLimits withConnections(int perAddress, int total) {
    return new RateLimits(webSocketMessagesPerSecond, webSocketMessageBurst,
        httpRequestsPerSecond, httpRequestBurst, perAddress, total);
  }

  private static void atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
  }
}
