package io.meseta.gateway.scheduler;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Mesos {@code Master::Http::redirect}: a protocol-relative {@code Location} to the leader
 * ({@code //host:port}), and {@code GET /redirect} (also {@code /master/redirect}), which every
 * node answers so a client can find the leader from any master it knows.
 */
public final class Redirects implements Handler<RoutingContext> {
  private final Leadership leadership;
  private final Supplier<String> self;

  /** @param self this node's advertised {@code host:port} */
  public Redirects(Leadership leadership, Supplier<String> self) {
    this.leadership = leadership;
    this.self = self;
  }

  /** {@code GET /redirect}: 307 to the leader's base URL at once, 503 if there is none. */
  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Leadership.Status status = leadership.status();
    if (status instanceof Leadership.Following leader) {
      redirect(request, "//" + leader.hostname() + ":" + leader.port());
    } else if (status instanceof Leadership.NoLeader) {
      HttpSchedulerEndpoint.respond(request, 503, "No leader elected");
    } else {
      redirect(request, "//" + self.get());
    }
  }

  /**
   * Answers a leader-only request on a node that cannot serve it: 307 to the leader with the
   * same path, or 503. Returns false when this node leads and should serve the request.
   */
  static boolean answeredForNonLeader(HttpServerRequest request, Leadership.Status status) {
    if (status instanceof Leadership.Following leader) {
      redirect(request, "//" + leader.hostname() + ":" + leader.port() + request.path());
      return true;
    }
    if (status instanceof Leadership.NoLeader) {
      HttpSchedulerEndpoint.respond(request, 503, "No leader elected");
      return true;
    }
    if (status instanceof Leadership.Recovering) {
      HttpSchedulerEndpoint.respond(request, 503, "Master has not finished recovery");
      return true;
    }
    return false;
  }

  private static void redirect(HttpServerRequest request, String location) {
    request.response().putHeader("Location", location);
    HttpSchedulerEndpoint.respond(request, 307, null);
  }
}
