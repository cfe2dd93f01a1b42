package io.meseta.gateway.operator;

import io.meseta.master.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One read of every leader service's state answer, asked in parallel. Each answer is consistent
 * in itself; across services they may be a few messages apart, as with any snapshot of a
 * running cluster.
 */
record ClusterView(
    JsonObject agents, JsonObject frameworks, JsonObject tasks, JsonObject allocation) {
  private static final DeliveryOptions QUERY = new DeliveryOptions().setSendTimeout(5_000);

  static Future<ClusterView> fetch(EventBus bus) {
    Future<JsonObject> agents = query(bus, Addresses.AGENTS);
    Future<JsonObject> frameworks = query(bus, Addresses.FRAMEWORKS);
    Future<JsonObject> tasks = query(bus, Addresses.TASKS);
    Future<JsonObject> allocation = query(bus, Addresses.ALLOCATOR);
    return Future.all(agents, frameworks, tasks, allocation).map(v -> new ClusterView(
        agents.result(), frameworks.result(), tasks.result(), allocation.result()));
  }

  private static Future<JsonObject> query(EventBus bus, String service) {
    return bus.<JsonObject>request(Addresses.state(service), null, QUERY).map(Message::body);
  }

  /** The registry's agents, reachable or not. */
  List<JsonObject> agentList() {
    return objects(agents.getJsonArray("slaves"));
  }

  /** The allocator's resources for an agent, or null for an agent it does not hold. */
  JsonObject allocationOf(String agentId) {
    return allocation.getJsonObject("agents", new JsonObject()).getJsonObject(agentId);
  }

  /** The allocator's resources and offers for a framework, or null. */
  JsonObject allocationOfFramework(String frameworkId) {
    return allocation.getJsonObject("frameworks", new JsonObject()).getJsonObject(frameworkId);
  }

  List<JsonObject> registeredFrameworks() {
    return objects(frameworks.getJsonArray("frameworks"));
  }

  List<JsonObject> completedFrameworks() {
    return objects(frameworks.getJsonArray("completed_frameworks"));
  }

  /** A framework's tasks in the tracker: {@code tasks} (not done) or {@code completed_tasks}. */
  List<JsonObject> tasksOf(String frameworkId, String group) {
    JsonObject byFramework = tasks.getJsonObject("tasks_by_framework", new JsonObject());
    return objects(byFramework.getJsonObject(frameworkId, new JsonObject()).getJsonArray(group));
  }

  /** Every task the tracker knows, active ones first. */
  List<JsonObject> allTasks() {
    List<JsonObject> all = new ArrayList<>();
    JsonObject byFramework = tasks.getJsonObject("tasks_by_framework", new JsonObject());
    for (String id : byFramework.fieldNames()) {
      all.addAll(tasksOf(id, "tasks"));
    }
    for (String id : byFramework.fieldNames()) {
      all.addAll(tasksOf(id, "completed_tasks"));
    }
    return all;
  }

  /** A service's counters ({@code "counters"} of its state answer), empty if it has none. */
  static JsonObject counters(JsonObject serviceState) {
    return serviceState.getJsonObject("counters", new JsonObject());
  }

  static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> list = new ArrayList<>();
    if (array != null) {
      for (Object o : array) {
        list.add((JsonObject) o);
      }
    }
    return list;
  }
}
