package io.meseta.gateway.security;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.shareddata.Shareable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a flood of connections from starving the clients already served: caps the open
 * connections per remote address and per node (Vert.x has no such cap, so they are counted
 * here) and answers an excess connection's request 503 with a message naming the limit, then
 * closes it. Vert.x 5 announces an HTTP/1 connection once its first request's headers are
 * complete: a connection that never completes one is not counted, and is closed by the idle
 * timeout. One per gateway instance, touched only on its event loop; the counts are the node's,
 * shared by its instances.
 */
public final class ConnectionGuard {
  private final RateLimits rates;
  private final Counts counts;
  /** Open connections of this instance, with why each is refused (empty: it is served). */
  private final Map<HttpConnection, Optional<String>> open = new HashMap<>();

  /** @param node the counts' key: one set of counts per master node in this Vert.x */
  public ConnectionGuard(Vertx vertx, RateLimits rates, String node) {
    this.rates = rates;
    this.counts = vertx.sharedData().<String, Counts>getLocalMap("meseta.gateway.connections")
        .computeIfAbsent(node, k -> new Counts());
  }

  /** The server's connection handler. */
  public void opened(HttpConnection connection) {
    String address = connection.remoteAddress() == null ? ""
        : connection.remoteAddress().hostAddress();
    Optional<String> refusal = counts.open(address, rates);
    open.put(connection, refusal);
    connection.closeHandler(v -> {
      open.remove(connection);
      if (refusal.isEmpty()) {
        counts.closed(address);
      }
    });
  }

  /** The server's request handler: refuses requests of excess connections, else {@code next}. */
  public Handler<HttpServerRequest> guarding(Handler<HttpServerRequest> next) {
    return request -> {
      Optional<String> refusal = open.getOrDefault(request.connection(), Optional.empty());
      if (refusal.isPresent()) {
        request.response().putHeader("Connection", "close");
        GatewayGuard.reply(request.response(), 503, refusal.get());
        return;
      }
      next.handle(request);
    };
  }

  /** A node's open connections, per remote address and in all. */
  static final class Counts implements Shareable {
    private final Map<String, Integer> perAddress = new HashMap<>();
    private int total;

    synchronized Optional<String> open(String address, RateLimits rates) {
      int fromAddress = perAddress.getOrDefault(address, 0);
      if (fromAddress >= rates.maxConnectionsPerAddress()) {
        return Optional.of("Too many connections from " + address + ": " + fromAddress
            + " are open, the limit is " + rates.maxConnectionsPerAddress()
            + " (limits.max_connections_per_address); close some before opening more");
      }
      if (total >= rates.maxConnections()) {
        return Optional.of("Too many connections to this master: " + total + " are open, the"
            + " limit is " + rates.maxConnections() + " (limits.max_connections); retry later");
      }
      perAddress.put(address, fromAddress + 1);
      total++;
      return Optional.empty();
    }

    synchronized void closed(String address) {
      perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
      total--;
    }
  }
}
