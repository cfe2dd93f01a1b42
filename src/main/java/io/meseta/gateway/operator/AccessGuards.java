package io.meseta.gateway.operator;

import io.meseta.acl.AclAction;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ACL checks in front of operator routes whose handlers know nothing of principals: the
 * console's sandbox proxy ({@code access_sandboxes} on the user of the framework whose sandbox
 * is read) and Mesos' {@code PUT /master/weights} ({@code update_weights} per role). Each answers
 * 403 naming the missing permission, or passes the request on unchanged.
 */
final class AccessGuards {
  private final EventBus bus;

  private AccessGuards(EventBus bus) {
    this.bus = bus;
  }

  /** Mount after {@link OperatorViewer#attach} and before the guarded routes. */
  static void mount(Router router, EventBus bus) {
    AccessGuards guards = new AccessGuards(bus);
    router.get("/agent-files/:agentId/read").handler(guards::sandbox);
    for (String path : new String[] {"/master/weights", "/weights"}) {
      router.put(path).handler(BodyHandler.create().setBodyLimit(1024 * 1024))
          .handler(guards::weights);
    }
  }

  private void sandbox(RoutingContext ctx) {
    OperatorViewer viewer = OperatorViewer.of(ctx);
    String framework = frameworkOfSandbox(ctx.queryParams().get("path"));
    if (!viewer.acls().configured() || framework == null) {
      ctx.next(); // the proxy itself refuses paths outside sandboxes/
      return;
    }
    ClusterView.fetch(bus).onComplete(view -> {
      if (view.failed()) {
        Problems.send(ctx.response(), 503, "Master state is not available ("
            + view.cause().getMessage() + ") to check access to the sandbox; retry shortly");
        return;
      }
      String user = null;
      for (String group : new String[] {"frameworks", "completed_frameworks"}) {
        for (JsonObject f : ClusterView.objects(view.result().frameworks().getJsonArray(group))) {
          if (framework.equals(f.getString("id"))) {
            user = f.getString("user");
          }
        }
      }
      Optional<String> denial =
          viewer.acls().denial(AclAction.ACCESS_SANDBOXES, viewer.principal(), user);
      if (denial.isPresent()) {
        Problems.send(ctx.response(), 403, denial.get());
      } else {
        ctx.next();
      }
    });
  }

  /** {@code sandboxes/<framework>/...}: the framework whose sandbox a path is in, or null. */
  static String frameworkOfSandbox(String path) {
    if (path == null || !path.startsWith("sandboxes/")) {
      return null;
    }
    String[] segments = path.split("/");
    return segments.length > 1 && !segments[1].isEmpty() ? segments[1] : null;
  }

  private void weights(RoutingContext ctx) {
    OperatorViewer viewer = OperatorViewer.of(ctx);
    if (!viewer.acls().configured()) {
      ctx.next();
      return;
    }
    List<String> roles = new ArrayList<>();
    try {
      JsonArray body = new JsonArray(ctx.body().asString() == null ? "[]" : ctx.body().asString());
      for (Object item : body) {
        if (item instanceof JsonObject info && info.getValue("role") instanceof String role) {
          roles.add(role);
        }
      }
    } catch (DecodeException | ClassCastException e) {
      ctx.next(); // the endpoint says what is wrong with the body
      return;
    }
    Optional<String> denial = viewer.firstDenial(AclAction.UPDATE_WEIGHTS, roles);
    if (denial.isPresent()) {
      Problems.send(ctx.response(), 403, denial.get());
    } else {
      ctx.next();
    }
  }
}
