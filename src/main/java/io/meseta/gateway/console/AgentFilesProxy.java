package io.meseta.gateway.console;

import io.meseta.master.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Optional;

/**
 * {@code GET /agent-files/{agentId}/read?path=&offset=&length=}: forwards to that agent's
 * {@code /files/read}, so the console reads a task's stdout from its own origin. Only paths
 * inside the agent's {@code sandboxes/} are forwarded: the proxy must not turn the master into a
 * reader of an agent's whole work dir (the agent still checks the path itself).
 */
final class AgentFilesProxy {
  private static final DeliveryOptions QUERY = new DeliveryOptions().setSendTimeout(5_000);
  private static final long AGENT_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final WebClient client;

  AgentFilesProxy(Vertx vertx) {
    this(vertx, io.meseta.tls.TlsSettings.OFF);
  }

  /**
   * @param tls the master's: a master serving TLS reads its agents' files over https (a
   *     cluster is TLS throughout), verified with its CA, else its own certificate
   */
  AgentFilesProxy(Vertx vertx, io.meseta.tls.TlsSettings tls) {
    this.vertx = vertx;
    WebClientOptions options = new WebClientOptions().setUserAgent("meseta-console");
    this.client = WebClient.create(vertx,
        tls.serves() ? tls.trustForOwnServer().applyTo(options) : options);
  }

  void mount(Router router) {
    router.get("/agent-files/:agentId/read").handler(this::read);
  }

  /** A sandbox-relative path without {@code ..}, or empty when the path must be refused. */
  static Optional<String> sandboxPath(String path) {
    if (path == null || !path.startsWith("sandboxes/") || path.contains("\\")) {
      return Optional.empty();
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return Optional.empty();
      }
    }
    return Optional.of(path);
  }

  private void read(RoutingContext ctx) {
    String agentId = ctx.pathParam("agentId");
    Optional<String> path = sandboxPath(ctx.queryParams().get("path"));
    if (path.isEmpty()) {
      refuse(ctx, 400, "path must be inside the agent's sandboxes, like"
          + " sandboxes/<framework_id>/<task_id>/stdout (no '.' or '..' segments)");
      return;
    }
    agent(agentId).onComplete(found -> {
      if (found.failed()) {
        refuse(ctx, 503, "cannot look up agent '" + agentId + "' (" + found.cause().getMessage()
            + "); retry in a moment");
      } else if (found.result() == null) {
        refuse(ctx, 404, "no agent '" + agentId + "' is registered; pick one from /master/slaves");
      } else {
        forward(ctx, found.result(), path.get());
      }
    });
  }

  private Future<JsonObject> agent(String agentId) {
    return vertx.eventBus().<JsonObject>request(Addresses.state(Addresses.AGENTS), null, QUERY)
        .map(reply -> {
          JsonArray slaves = reply.body().getJsonArray("slaves", new JsonArray());
          for (int i = 0; i < slaves.size(); i++) {
            JsonObject slave = slaves.getJsonObject(i);
            if (agentId.equals(slave.getString("id"))) {
              return slave;
            }
          }
          return null;
        });
  }

  private void forward(RoutingContext ctx, JsonObject agent, String path) {
    String host = agent.getString("hostname");
    int port = agent.getInteger("port", 0);
    var request = client.get(port, host, "/files/read")
        .timeout(AGENT_TIMEOUT_MS)
        .addQueryParam("path", path);
    for (String name : new String[] {"offset", "length"}) {
      String value = ctx.queryParams().get(name);
      if (value != null) {
        request.addQueryParam(name, value);
      }
    }
    request.send().onComplete(answer -> {
      if (answer.failed()) {
        refuse(ctx, 502, "agent " + host + ":" + port + " did not answer ("
            + answer.cause().getMessage() + "); is it running and reachable from the master?");
        return;
      }
      HttpResponse<Buffer> response = answer.result();
      String type = response.getHeader("Content-Type");
      ctx.response().setStatusCode(response.statusCode())
          .putHeader("Content-Type", type == null ? "application/octet-stream" : type)
          .end(response.bodyAsBuffer() == null ? Buffer.buffer() : response.bodyAsBuffer());
    });
  }

  private static void refuse(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message + "\n");
  }
}
