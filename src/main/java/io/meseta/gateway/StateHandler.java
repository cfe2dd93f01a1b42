package io.meseta.gateway;

import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /master/state} in Mesos' state.json shape, assembled from each leader service's
 * view (agents, frameworks, tasks, allocation) without blocking any of them.
 */
final class StateHandler implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final MasterIdentity identity;

  StateHandler(Vertx vertx, MasterIdentity identity) {
    this.vertx = vertx;
    this.identity = identity;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Future<JsonObject> agents = query(Addresses.AGENTS);
    Future<JsonObject> frameworks = query(Addresses.FRAMEWORKS);
    Future<JsonObject> tasks = query(Addresses.TASKS);
    Future<JsonObject> allocation = query(Addresses.ALLOCATOR);
    Future.all(agents, frameworks, tasks, allocation)
        .onSuccess(v -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .end(assemble(agents.result(), frameworks.result(), tasks.result(),
                allocation.result()).encode()))
        .onFailure(e -> ctx.response().setStatusCode(503)
            .end("Master state is not available: " + e.getMessage()));
  }

  private Future<JsonObject> query(String service) {
    return vertx.eventBus().<JsonObject>request(Addresses.state(service), null)
        .map(Message::body);
  }

  private JsonObject assemble(JsonObject agents, JsonObject frameworks, JsonObject tasks,
      JsonObject allocation) {
    String pid = "master@" + identity.hostname() + ":" + identity.port();
    JsonArray slaves = new JsonArray();
    int active = 0;
    for (Object o : agents.getJsonArray("slaves")) {
      JsonObject slave = ((JsonObject) o).copy();
      JsonObject resources = allocation.getJsonObject("agents").getJsonObject(slave.getString("id"));
      if (resources != null) {
        slave.mergeIn(resources);
      }
      slave.remove("total");
      if (slave.getBoolean("active")) {
        active++;
      }
      slaves.add(slave);
    }
    JsonObject taskGroups = tasks.getJsonObject("tasks_by_framework");
    return new JsonObject()
        .put("version", MasterIdentity.VERSION)
        .put("id", identity.id())
        .put("pid", pid)
        .put("hostname", identity.hostname())
        .put("leader", pid)
        .put("leader_info", identity.masterInfoJson())
        .put("start_time", identity.startMillis() / 1000.0)
        .put("elected_time", identity.startMillis() / 1000.0)
        .put("activated_slaves", active)
        .put("deactivated_slaves", slaves.size() - active)
        .put("slaves", slaves)
        .put("frameworks", withTasks(frameworks.getJsonArray("frameworks"), taskGroups,
            allocation.getJsonObject("frameworks")))
        .put("completed_frameworks", withTasks(frameworks.getJsonArray("completed_frameworks"),
            taskGroups, new JsonObject()))
        .put("orphan_tasks", new JsonArray())
        .put("unregistered_frameworks", new JsonArray());
  }

  private static JsonArray withTasks(JsonArray frameworks, JsonObject taskGroups,
      JsonObject allocation) {
    JsonArray result = new JsonArray();
    for (Object o : frameworks) {
      JsonObject framework = ((JsonObject) o).copy();
      String id = framework.getString("id");
      JsonObject group = taskGroups.getJsonObject(id, new JsonObject());
      framework.put("tasks", group.getJsonArray("tasks", new JsonArray()));
      framework.put("completed_tasks", group.getJsonArray("completed_tasks", new JsonArray()));
      JsonObject allocated = allocation.getJsonObject(id);
      if (allocated != null) {
        framework.mergeIn(allocated);
      } else {
        framework.put("offers", new JsonArray());
      }
      result.add(framework);
    }
    return result;
  }
}
