package io.meseta.gateway.security;

import io.meseta.gateway.security.Authenticator.AuthenticationFailure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The first handler of the gateway's router: authenticates the request when its surface requires
 * it (401 with {@code WWW-Authenticate} and a body that says what is missing, and nothing about
 * the cluster), then refuses a declared body over the limit (413) before anyone reads it. The
 * authenticated principal is left on the context for the handlers behind.
 */
public final class GatewayGuard implements Handler<RoutingContext> {
  private static final String PRINCIPAL = "meseta.principal";

  private final AuthSettings auth;
  private final InputLimits limits;
  private final Authenticator authenticator;
  private final KeyedRateLimiter requestRate;

  public GatewayGuard(Vertx vertx, SecuritySettings settings) {
    this.auth = settings.auth();
    this.limits = settings.limits();
    this.authenticator = new Authenticator(vertx, auth);
    this.requestRate = new KeyedRateLimiter(settings.rates().httpRequestsPerSecond(),
        settings.rates().httpRequestBurst(), System::nanoTime);
  }

  /** The principal this request authenticated as, if authentication was required. */
  public static Optional<String> principal(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(PRINCIPAL));
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    boolean required = switch (Surface.of(request.method(), ctx.normalizedPath())) {
      case PUBLIC -> false;
      case AGENT -> auth.agents();
      case CLIENT -> auth.frameworks();
    };
    if (!required) {
      String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
      if (withinRate(ctx, "address " + address)) {
        checkBodySize(ctx);
      }
      return;
    }
    Future<String> principal = authenticator.authenticate(request.getHeader("Authorization"));
    if (principal.isComplete()) {
      authenticated(ctx, principal);
    } else {
      // A body must not flow before the handler that reads it is in place.
      request.pause();
      principal.onComplete(done -> {
        request.resume();
        authenticated(ctx, done);
      });
    }
  }

  private void authenticated(RoutingContext ctx, io.vertx.core.AsyncResult<String> principal) {
    if (principal.succeeded()) {
      ctx.put(PRINCIPAL, principal.result());
      if (withinRate(ctx, "principal " + principal.result())) {
        checkBodySize(ctx);
      }
      return;
    }
    String reason = principal.cause() instanceof AuthenticationFailure failure
        ? failure.getMessage()
        : "Authentication failed";
    HttpServerResponse response = ctx.response();
    for (String challenge : authenticator.challenges()) {
      response.headers().add("WWW-Authenticate", challenge);
    }
    // The connection is not reused: an unauthenticated client's pipelined body is not read.
    response.putHeader("Connection", "close");
    reply(response, 401, reason);
  }

  /** 429 when {@code who} sent more requests than the rate allows. */
  private boolean withinRate(RoutingContext ctx, String who) {
    Optional<java.time.Duration> wait = requestRate.take(who);
    if (wait.isEmpty()) {
      return true;
    }
    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    reply(ctx.response(), 429, "Too many requests from " + who + ": more than "
        + requestRate.describe() + " (limits.http_requests_per_second and"
        + " limits.http_request_burst); retry after " + seconds + "s");
    return false;
  }

  private void checkBodySize(RoutingContext ctx) {
    String declared = ctx.request().getHeader("Content-Length");
    long length;
    try {
      length = declared == null ? -1 : Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      reply(ctx.response(), 400, "Content-Length '" + declared + "' is not a number");
      return;
    }
    if (length > limits.maxBodyBytes()) {
      ctx.response().putHeader("Connection", "close");
      reply(ctx.response(), 413, BoundedBody.tooLarge(length, limits.maxBodyBytes()));
      return;
    }
    ctx.next();
  }

  static void reply(HttpServerResponse response, int status, String message) {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Content-Length", Integer.toString(body.length))
        .end(io.vertx.core.buffer.Buffer.buffer(body));
  }
}
