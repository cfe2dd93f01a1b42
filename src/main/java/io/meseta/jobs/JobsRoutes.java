package io.meseta.jobs;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The job service's REST surface on the gateway: {@code POST /api/v1/jobs} (201 with the job),
 * {@code GET /api/v1/jobs[?state=PENDING]}, {@code GET /api/v1/jobs/{id}},
 * {@code DELETE /api/v1/jobs/{id}} and {@code GET /api/v1/jobs/{id}/why}. It only translates:
 * every decision is the service's, asked over the event bus. Errors are
 * {@code {"error": "what was wrong and what to do"}} with a 4xx/5xx status.
 */
public final class JobsRoutes {
  /** A job is a few hundred bytes; anything near this is a mistake, not a job. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String BASE = "/api/v1/jobs";

  private final Vertx vertx;

  private JobsRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  public static void mount(Router router, Vertx vertx) {
    JobsRoutes routes = new JobsRoutes(vertx);
    router.post(BASE).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
        .handler(routes::submit).failureHandler(JobsRoutes::failure);
    router.get(BASE).handler(ctx -> routes.ask(ctx, new JsonObject().put("action", "list")
        .put("state", ctx.queryParams().get("state")), 200));
    router.get(BASE + "/:id").handler(ctx -> routes.ask(ctx, byId("get", ctx), 200));
    router.delete(BASE + "/:id").handler(ctx -> routes.ask(ctx, byId("kill", ctx), 200));
    router.get(BASE + "/:id/why").handler(ctx -> routes.ask(ctx, byId("why", ctx), 200));
  }

  private void submit(RoutingContext ctx) {
    String text = ctx.body().asString();
    Object parsed;
    try {
      parsed = text == null || text.isBlank() ? null : new JsonObject(text);
    } catch (DecodeException e) {
      error(ctx, 400, "the request body is not valid JSON (" + e.getMessage() + "); send an object"
          + " such as {\"command\":\"echo hello\",\"resources\":\"cpus:0.1;mem:32\"}");
      return;
    }
    if (parsed == null) {
      error(ctx, 400, "the request body is empty; send a JSON object such as"
          + " {\"command\":\"echo hello\",\"resources\":\"cpus:0.1;mem:32\"}");
      return;
    }
    ask(ctx, new JsonObject().put("action", "submit").put("job", parsed), 201);
  }

  private void ask(RoutingContext ctx, JsonObject request, int okStatus) {
    vertx.eventBus().<JsonObject>request(JobServiceVerticle.ADDRESS, request).onComplete(reply -> {
      if (reply.succeeded()) {
        ctx.response().setStatusCode(okStatus).putHeader("Content-Type", "application/json")
            .end(reply.result().body().encode());
      } else if (reply.cause() instanceof ReplyException e
          && e.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        error(ctx, e.failureCode(), e.getMessage());
      } else if (reply.cause() instanceof ReplyException e
          && e.failureType() == ReplyFailure.NO_HANDLERS) {
        error(ctx, 503, "the job service is not running on this master; enable it with"
            + " jobs.enabled: true in conf/meseta.yaml");
      } else {
        error(ctx, 503, "the job service did not answer (" + reply.cause().getMessage()
            + "); retry shortly");
      }
    });
  }

  private static JsonObject byId(String action, RoutingContext ctx) {
    return new JsonObject().put("action", action).put("id", ctx.pathParam("id"));
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      error(ctx, 413, "the request body is larger than " + MAX_BODY_BYTES / 1024 + " KB; a job"
          + " description is a small JSON object");
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error(ctx, ctx.statusCode(), "the request could not be read; send a JSON object");
    } else {
      ctx.next();
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }
}
