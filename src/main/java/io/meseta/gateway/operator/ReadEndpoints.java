package io.meseta.gateway.operator;

import io.meseta.gateway.Version;
import io.meseta.gateway.scheduler.Leadership;
import io.meseta.master.MasterIdentity;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Mesos' v0 operator endpoints: read-only JSON (with {@code ?jsonp=}), health, and {@code POST
 * /master/teardown}. Every answer is built from one fresh {@link ClusterView}.
 */
final class ReadEndpoints {
  private static final Pattern JSONP_CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]*");

  private final EventBus bus;
  private final MasterIdentity identity;
  private final Map<String, String> flags;
  private final OperatorEventStream stream;
  private final Leadership leadership;

  ReadEndpoints(EventBus bus, MasterIdentity identity, Map<String, String> flags,
      OperatorEventStream stream, Leadership leadership) {
    this.leadership = leadership;
    this.bus = bus;
    this.identity = identity;
    this.flags = flags;
    this.stream = stream;
  }

  void mount(Router router) {
    for (String path : new String[] {"/master/state", "/state", "/state.json",
        "/master/state.json"}) {
      router.get(path).handler(ctx -> answer(ctx, v -> MasterStateJson.state(v, identity, flags, leadership)));
    }
    router.get("/master/state-summary").handler(ctx ->
        answer(ctx, v -> MasterStateJson.summary(v, identity, leadership)));
    router.get("/master/frameworks").handler(ctx ->
        answer(ctx, v -> frameworks(v, ctx.request().getParam("framework_id"))));
    router.get("/master/slaves").handler(ctx ->
        answer(ctx, v -> slaves(v, ctx.request().getParam("slave_id"))));
    for (String path : new String[] {"/master/tasks", "/tasks", "/master/tasks.json"}) {
      router.get(path).handler(this::tasks);
    }
    for (String path : new String[] {"/master/roles", "/roles", "/master/roles.json"}) {
      router.get(path).handler(ctx -> answer(ctx, RolesJson::json));
    }
    router.get("/master/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/version").handler(ctx -> json(ctx, version()));
    for (String path : new String[] {"/master/flags", "/flags"}) {
      router.get(path).handler(ctx -> json(ctx, flagsJson()));
    }
    router.get("/metrics/snapshot").handler(ctx -> answer(ctx, v -> {
      JsonObject metrics = new JsonObject();
      MasterMetrics.snapshot(v, identity, stream.size()).forEach(metrics::put);
      return metrics;
    }));
    router.route("/master/teardown").handler(BodyHandler.create().setBodyLimit(64 * 1024))
        .handler(this::teardown);
  }

  private static JsonObject frameworks(ClusterView view, String id) {
    return new JsonObject()
        .put("frameworks", filter(MasterStateJson.frameworks(view, view.registeredFrameworks()),
            "id", id))
        .put("completed_frameworks", filter(
            MasterStateJson.frameworks(view, view.completedFrameworks()), "id", id))
        .put("unregistered_frameworks", new JsonArray());
  }

  private static JsonObject slaves(ClusterView view, String id) {
    return new JsonObject()
        .put("slaves", filter(MasterStateJson.slaves(view, true), "id", id))
        .put("recovered_slaves", new JsonArray());
  }

  private void tasks(RoutingContext ctx) {
    TaskQuery query;
    try {
      query = TaskQuery.parse(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      Problems.send(ctx.response(), 400, e.getMessage());
      return;
    }
    answer(ctx, view -> query.apply(view.allTasks()));
  }

  private void teardown(RoutingContext ctx) {
    if (!ctx.request().method().name().equals("POST")) {
      Problems.methodNotAllowed(ctx.response(), ctx.request().method().name());
      return;
    }
    String id = formField(ctx, "frameworkId");
    OperatorViewer.of(ctx).mayTearDown(bus, id).compose(v -> Teardowns.teardown(bus, id))
        .onSuccess(v -> ctx.response().setStatusCode(200).end())
        .onFailure(e -> Problems.send(ctx.response(),
            e instanceof Teardowns.Refused r ? r.status : 500, e.getMessage()));
  }

  /** A form field of an urlencoded body, whatever Content-Type the client sent (Mesos' way). */
  private static String formField(RoutingContext ctx, String name) {
    String value = ctx.request().getFormAttribute(name);
    if (value != null || ctx.body() == null || ctx.body().buffer() == null) {
      return value;
    }
    for (String pair : ctx.body().asString(StandardCharsets.UTF_8.name()).split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.trim().equals(name)) {
        return eq < 0 ? ""
            : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
      }
    }
    return null;
  }

  /** Gathers the cluster's state, then answers with {@code build(view)} as JSON or JSONP. */
  private void answer(RoutingContext ctx, Function<ClusterView, JsonObject> build) {
    String callback = ctx.request().getParam("jsonp");
    if (callback != null && !JSONP_CALLBACK.matcher(callback).matches()) {
      Problems.send(ctx.response(), 400, "Invalid 'jsonp' parameter '" + callback
          + "': expected a JavaScript function name such as 'cb' (letters, digits, '_', '$', '.')");
      return;
    }
    OperatorViewer viewer = OperatorViewer.of(ctx);
    ClusterView.fetch(bus)
        .onSuccess(view -> json(ctx, build.apply(viewer.filter(view))))
        .onFailure(e -> Problems.send(ctx.response(), 503,
            "Master state is not available (" + e.getMessage() + "); retry shortly"));
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    String callback = ctx.request().getParam("jsonp");
    if (callback == null) {
      ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    } else if (JSONP_CALLBACK.matcher(callback).matches()) {
      ctx.response().putHeader("Content-Type", "text/javascript")
          .end(callback + "(" + body.encode() + ");");
    } else {
      Problems.send(ctx.response(), 400, "Invalid 'jsonp' parameter '" + callback
          + "': expected a JavaScript function name such as 'cb' (letters, digits, '_', '$', '.')");
    }
  }

  private static JsonArray filter(JsonArray items, String key, String value) {
    if (value == null) {
      return items;
    }
    JsonArray kept = new JsonArray();
    items.stream().filter(o -> value.equals(((JsonObject) o).getString(key))).forEach(kept::add);
    return kept;
  }

  private JsonObject flagsJson() {
    JsonObject json = new JsonObject();
    flags.forEach(json::put);
    return new JsonObject().put("flags", json);
  }

  static JsonObject version() {
    var info = V1Responses.versionInfo();
    return new JsonObject()
        .put("version", info.getVersion())
        .put("meseta_version", Version.current())
        .put("build_date", info.getBuildDate())
        .put("build_time", info.getBuildTime())
        .put("build_user", info.getBuildUser())
        .put("git_sha", "")
        .put("git_branch", "")
        .put("git_tag", info.getGitTag());
  }
}
