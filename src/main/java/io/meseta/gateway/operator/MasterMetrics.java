package io.meseta.gateway.operator;

import io.meseta.master.MasterIdentity;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /metrics/snapshot} and GET_METRICS under Mesos' names ({@code src/master/metrics.cpp}).
 * Gauges are derived from a {@link ClusterView}; counters are those the services keep (their
 * {@code "counters"}) and the allocator's run statistics. Percentages are fractions 0..1.
 */
final class MasterMetrics {
  private static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");
  private static final List<String> TASK_GAUGES =
      List.of("staging", "starting", "running", "killing", "unreachable");

  private MasterMetrics() {}

  static Map<String, Double> snapshot(ClusterView view, MasterIdentity identity,
      int operatorSubscribers) {
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("master/elected", 1.0);
    metrics.put("master/uptime_secs",
        (System.currentTimeMillis() - identity.startMillis()) / 1000.0);
    resources(view, metrics);
    agents(view, metrics);
    frameworks(view, metrics);
    tasks(view, metrics);
    counters(ClusterView.counters(view.tasks()), metrics);
    counters(ClusterView.counters(view.agents()), metrics);
    metrics.put("allocator/mesos/allocation_runs",
        view.allocation().getDouble("runs", 0.0));
    counters(view.allocation().getJsonObject("run_times", new JsonObject()), metrics);
    metrics.put("master/operator_event_stream_subscribers", (double) operatorSubscribers);
    sharing(view, metrics);
    system(metrics);
    return metrics;
  }

  /**
   * Meseta's own sharing measures (not in Mesos): total task time T (running plus completed, in
   * seconds), pending tasks, and per resource the share of free capacity no pending task fits
   * in, and the largest free block. Cluster totals R and utilisation are the _total and
   * _percent gauges above.
   */
  private static void sharing(ClusterView view, Map<String, Double> metrics) {
    metrics.put("master/task_time_secs", view.tasks().getDouble("task_time_seconds", 0.0));
    metrics.put("master/preempted_tasks", view.allocation()
        .getJsonObject("preemption", new JsonObject()).getDouble("preempted_tasks", 0.0));
    JsonObject fragmentation = view.allocation().getJsonObject("fragmentation", new JsonObject());
    metrics.put("master/pending_tasks", fragmentation.getDouble("pending_tasks", 0.0));
    JsonObject shares = fragmentation.getJsonObject("fragmented_share", new JsonObject());
    JsonObject largest = fragmentation.getJsonObject("largest_placeable", new JsonObject());
    for (String name : RESOURCES) {
      metrics.put("master/fragmented_share/" + name, shares.getDouble(name, 0.0));
      metrics.put("master/largest_placeable/" + name, largest.getDouble(name, 0.0));
    }
  }

  /** Totals over the agents the allocator holds (reachable ones); used excludes offers. */
  private static void resources(ClusterView view, Map<String, Double> metrics) {
    JsonObject byAgent = view.allocation().getJsonObject("agents", new JsonObject());
    for (String name : RESOURCES) {
      double total = 0;
      double used = 0;
      for (String agent : byAgent.fieldNames()) {
        JsonObject resources = byAgent.getJsonObject(agent);
        total += resources.getJsonObject("resources").getDouble(name, 0.0);
        used += resources.getJsonObject("used_resources").getDouble(name, 0.0);
      }
      metrics.put("master/" + name + "_total", total);
      metrics.put("master/" + name + "_used", used);
      metrics.put("master/" + name + "_percent", total == 0 ? 0.0 : used / total);
    }
  }

  private static void agents(ClusterView view, Map<String, Double> metrics) {
    double active = 0;
    double connected = 0;
    double unreachable = 0;
    for (JsonObject agent : view.agentList()) {
      if (!agent.getBoolean("active")) {
        unreachable++;
      } else {
        active++;
        connected += agent.getBoolean("connected", true) ? 1 : 0;
      }
    }
    metrics.put("master/slaves_active", active);
    // Meseta cannot deactivate an agent yet (no maintenance or draining).
    metrics.put("master/slaves_inactive", 0.0);
    metrics.put("master/slaves_connected", connected);
    metrics.put("master/slaves_disconnected", active - connected);
    metrics.put("master/slaves_unreachable", unreachable);
  }

  private static void frameworks(ClusterView view, Map<String, Double> metrics) {
    double active = 0;
    double connected = 0;
    double offers = 0;
    List<JsonObject> frameworks = view.registeredFrameworks();
    for (JsonObject framework : frameworks) {
      active += framework.getBoolean("active", false) ? 1 : 0;
      connected += framework.getBoolean("connected", false) ? 1 : 0;
      JsonObject allocation = view.allocationOfFramework(framework.getString("id"));
      offers += allocation == null ? 0 : allocation.getJsonArray("offers").size();
    }
    metrics.put("master/frameworks_active", active);
    metrics.put("master/frameworks_inactive", frameworks.size() - active);
    metrics.put("master/frameworks_connected", connected);
    metrics.put("master/frameworks_disconnected", frameworks.size() - connected);
    metrics.put("master/outstanding_offers", offers);
  }

  /** Gauges: tasks currently in each non-terminal state. */
  private static void tasks(ClusterView view, Map<String, Double> metrics) {
    TASK_GAUGES.forEach(state -> metrics.put("master/tasks_" + state, 0.0));
    for (JsonObject task : view.allTasks()) {
      String state = task.getString("state").substring("TASK_".length()).toLowerCase();
      if (TASK_GAUGES.contains(state)) {
        metrics.merge("master/tasks_" + state, 1.0, Double::sum);
      }
    }
  }

  private static void counters(JsonObject counters, Map<String, Double> metrics) {
    for (String name : counters.fieldNames()) {
      Object value = counters.getValue(name);
      if (value instanceof Number n) {
        metrics.put(name, n.doubleValue());
      }
    }
  }

  private static void system(Map<String, Double> metrics) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    metrics.put("system/cpus_total", (double) os.getAvailableProcessors());
    metrics.put("system/load_1min", Math.max(0, os.getSystemLoadAverage()));
    if (os instanceof com.sun.management.OperatingSystemMXBean memory) {
      metrics.put("system/mem_total_bytes", (double) memory.getTotalMemorySize());
      metrics.put("system/mem_free_bytes", (double) memory.getFreeMemorySize());
    }
  }
}
