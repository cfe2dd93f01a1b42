package io.meseta.gateway.operator;

import io.meseta.gateway.scheduler.Leadership;
import io.meseta.master.MasterIdentity;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mesos' v0 JSON ({@code readonly_handler.cpp}): the agent, framework and state objects that
 * {@code /master/state}, {@code /master/state-summary}, {@code /master/slaves} and {@code
 * /master/frameworks} print, built from a {@link ClusterView}.
 */
final class MasterStateJson {
  static final List<String> AGENT_CAPABILITIES =
      List.of("MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT");
  /** The task states {@code /master/state-summary} counts per agent and per framework. */
  private static final List<String> SUMMARY_STATES = List.of("TASK_STAGING", "TASK_STARTING",
      "TASK_RUNNING", "TASK_KILLING", "TASK_FINISHED", "TASK_KILLED", "TASK_FAILED", "TASK_LOST",
      "TASK_ERROR", "TASK_UNREACHABLE");

  private MasterStateJson() {}

  /** An agent as Mesos prints it; {@code full} adds the v1 {@code *_full} resource arrays. */
  static JsonObject slave(ClusterView view, JsonObject agent, boolean full) {
    JsonObject slave = agent.copy();
    slave.remove("total");
    slave.remove("connected");
    JsonObject allocation = view.allocationOf(agent.getString("id"));
    JsonObject total = allocation != null
        ? allocation.getJsonObject("resources")
        : io.meseta.protocol.StateJson.flatResources(
            io.meseta.core.resources.Resources.parse(agent.getString("total", "")));
    JsonObject used = allocation != null ? allocation.getJsonObject("used_resources")
        : FlatResources.NONE;
    JsonObject offered = allocation != null ? allocation.getJsonObject("offered_resources")
        : FlatResources.NONE;
    slave.put("resources", total)
        .put("used_resources", used)
        .put("offered_resources", offered)
        .put("reserved_resources", allocation != null
            ? allocation.getJsonObject("reserved_resources", new JsonObject()) : new JsonObject())
        .put("unreserved_resources", allocation != null
            ? allocation.getJsonObject("unreserved_resources", total) : total)
        .put("deactivated", false)
        .put("version", MasterIdentity.VERSION)
        .put("capabilities", new JsonArray(AGENT_CAPABILITIES));
    if (full) {
      slave.put("reserved_resources_full", new JsonObject())
          .put("unreserved_resources_full", protoArray(total))
          .put("used_resources_full", protoArray(used))
          .put("offered_resources_full", protoArray(offered));
    }
    return slave;
  }

  static JsonArray slaves(ClusterView view, boolean full) {
    JsonArray slaves = new JsonArray();
    view.agentList().forEach(a -> slaves.add(slave(view, a, full)));
    return slaves;
  }

  /** A framework with its tasks, offers and resources, as in {@code /master/state}. */
  static JsonObject framework(ClusterView view, JsonObject info) {
    JsonObject framework = info.copy();
    String id = framework.getString("id");
    JsonArray tasks = new JsonArray();
    JsonArray unreachable = new JsonArray();
    for (JsonObject task : view.tasksOf(id, "tasks")) {
      (task.getString("state").equals("TASK_UNREACHABLE") ? unreachable : tasks).add(task);
    }
    JsonObject allocation = view.allocationOfFramework(id);
    framework.put("reregistered_time", framework.getValue("registered_time"))
        .put("tasks", tasks)
        .put("unreachable_tasks", unreachable)
        .put("completed_tasks", new JsonArray(view.tasksOf(id, "completed_tasks")))
        .put("offers", allocation == null ? new JsonArray() : allocation.getJsonArray("offers"))
        .put("executors", new JsonArray())
        .put("used_resources", allocation == null ? FlatResources.NONE
            : allocation.getJsonObject("used_resources"))
        .put("offered_resources", allocation == null ? FlatResources.NONE
            : allocation.getJsonObject("offered_resources"));
    return framework;
  }

  static JsonArray frameworks(ClusterView view, List<JsonObject> infos) {
    JsonArray frameworks = new JsonArray();
    infos.forEach(f -> frameworks.add(framework(view, f)));
    return frameworks;
  }

  /** {@code leadership} says who leads and which master nodes there are (see {@link LeaderJson}). */
  static JsonObject state(ClusterView view, MasterIdentity identity, Map<String, String> flags,
      Leadership leadership) {
    JsonArray slaves = slaves(view, false);
    long active = slaves.stream().filter(s -> ((JsonObject) s).getBoolean("active")).count();
    JsonObject flagsJson = new JsonObject();
    flags.forEach(flagsJson::put);
    JsonObject state = header(identity)
        .put("build_date", "")
        .put("build_time", 0)
        .put("build_user", "")
        .put("start_time", identity.startMillis() / 1000.0)
        .put("elected_time", identity.startMillis() / 1000.0)
        .put("id", identity.id())
        .put("pid", pid(identity))
        .put("capabilities", new JsonArray().add("AGENT_UPDATE").add("AGENT_DRAINING")
            .add("QUOTA_V2"))
        .put("activated_slaves", active)
        .put("deactivated_slaves", 0)
        .put("unreachable_slaves", slaves.size() - active)
        .put("flags", flagsJson)
        .put("slaves", slaves)
        .put("recovered_slaves", new JsonArray())
        .put("frameworks", frameworks(view, view.registeredFrameworks()))
        .put("completed_frameworks", frameworks(view, view.completedFrameworks()))
        .put("orphan_tasks", new JsonArray())
        .put("unregistered_frameworks", new JsonArray());
    return LeaderJson.put(state, identity, leadership);
  }

  /** {@code /master/state-summary}: agents and frameworks with per-state task counts. */
  static JsonObject summary(ClusterView view, MasterIdentity identity, Leadership leadership) {
    List<JsonObject> tasks = view.allTasks();
    JsonArray slaves = new JsonArray();
    for (JsonObject agent : view.agentList()) {
      JsonObject full = slave(view, agent, false);
      String id = agent.getString("id");
      JsonObject summary = new JsonObject();
      for (String key : List.of("id", "pid", "hostname", "registered_time", "resources",
          "used_resources", "offered_resources", "reserved_resources", "unreserved_resources",
          "attributes", "active", "version", "capabilities")) {
        summary.put(key, full.getValue(key));
      }
      addCounts(summary, tasks, "slave_id", id, "framework_id", "framework_ids");
      slaves.add(summary);
    }
    JsonArray frameworks = new JsonArray();
    for (JsonObject info : view.registeredFrameworks()) {
      JsonObject full = framework(view, info);
      JsonObject summary = new JsonObject();
      for (String key : List.of("id", "name", "pid", "used_resources", "offered_resources",
          "capabilities", "hostname", "webui_url", "active", "connected", "recovered")) {
        summary.put(key, full.getValue(key));
      }
      addCounts(summary, tasks, "framework_id", info.getString("id"), "slave_id", "slave_ids");
      frameworks.add(summary);
    }
    JsonObject summary = new JsonObject()
        .put("hostname", identity.hostname())
        .put("cluster", "")
        .put("slaves", slaves)
        .put("frameworks", frameworks)
        .put("sharing", sharing(view));
    // Not in Mesos' summary: the console's overview shows the master nodes from here.
    return LeaderJson.put(summary, identity, leadership);
  }

  /**
   * The seed's model, not in Mesos: cluster totals R, allocated, utilisation = allocated / R per
   * resource, total task time T, and fragmentation against pending demand.
   */
  private static JsonObject sharing(ClusterView view) {
    JsonObject total = new JsonObject();
    JsonObject used = new JsonObject();
    JsonObject utilisation = new JsonObject();
    JsonObject byAgent = view.allocation().getJsonObject("agents", new JsonObject());
    for (String name : List.of("cpus", "mem", "disk", "gpus")) {
      double t = 0;
      double u = 0;
      for (String agent : byAgent.fieldNames()) {
        t += byAgent.getJsonObject(agent).getJsonObject("resources").getDouble(name, 0.0);
        u += byAgent.getJsonObject(agent).getJsonObject("used_resources").getDouble(name, 0.0);
      }
      total.put(name, t);
      used.put(name, u);
      utilisation.put(name, t == 0 ? 0.0 : u / t);
    }
    return new JsonObject()
        .put("total", total)
        .put("allocated", used)
        .put("utilisation", utilisation)
        .put("task_time_seconds", view.tasks().getDouble("task_time_seconds", 0.0))
        .put("fragmentation", view.allocation().getJsonObject("fragmentation", new JsonObject()))
        .put("preemption", view.allocation().getJsonObject("preemption", new JsonObject()));
  }

  /** Counts the tasks whose {@code key} is {@code value} by state, and lists their other side. */
  private static void addCounts(JsonObject summary, List<JsonObject> tasks, String key,
      String value, String otherKey, String otherList) {
    SUMMARY_STATES.forEach(state -> summary.put(state, 0));
    Set<String> others = new LinkedHashSet<>();
    for (JsonObject task : tasks) {
      if (value.equals(task.getString(key))) {
        String state = task.getString("state");
        if (SUMMARY_STATES.contains(state)) {
          summary.put(state, summary.getInteger(state) + 1);
        }
        others.add(task.getString(otherKey));
      }
    }
    summary.put(otherList, new JsonArray(List.copyOf(others)));
  }

  static JsonObject header(MasterIdentity identity) {
    return new JsonObject()
        .put("version", MasterIdentity.VERSION)
        .put("git_sha", "")
        .put("git_branch", "")
        .put("git_tag", "")
        .put("hostname", identity.hostname());
  }

  static String pid(MasterIdentity identity) {
    return "master@" + identity.hostname() + ":" + identity.port();
  }

  private static JsonArray protoArray(JsonObject flat) {
    JsonArray array = new JsonArray();
    FlatResources.toProto(flat).forEach(r -> array.add(new JsonObject(MesosJson.print(r))));
    return array;
  }
}
