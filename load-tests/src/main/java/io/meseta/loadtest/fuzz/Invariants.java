package io.meseta.loadtest.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state invariants checked after every batch, from {@code /master/state-summary} (read first)
 * and {@code /master/state}: no agent over-committed (used + offered ≤ total, none negative, per
 * scalar resource), resources conserved (the live tasks on an agent fit in its used resources, and
 * the frameworks' used resources add up to the agents'), and no task whose framework is unknown.
 */
final class Invariants {
  private static final List<String> SCALARS = List.of("cpus", "mem", "disk", "gpus");
  private static final Set<String> LIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING",
      "TASK_KILLING");
  private static final double EPSILON = 1e-6;
  /**
   * Marks violations due to tasks of a framework the master does not know: a re-registering agent's
   * tasks are adopted whatever their framework (so that a restarted master without persisted state
   * learns them), and no framework shows them. Counted apart, see {@code load-tests/results/fuzz.md}.
   */
  static final String ORPHAN = "orphan task: ";

  private Invariants() {}

  /** Every violation found, each naming the agent, framework or task and the numbers. */
  static List<String> violations(JsonObject summary, JsonObject state) {
    List<String> found = new ArrayList<>();
    Set<String> knownFrameworks = new HashSet<>();
    for (String list : List.of("frameworks", "completed_frameworks")) {
      state.getJsonArray(list, new JsonArray())
          .forEach(f -> knownFrameworks.add(((JsonObject) f).getString("id")));
    }
    Set<String> agents = new HashSet<>();
    Map<String, Map<String, Double>> liveByAgent = new HashMap<>();
    Map<String, Double> frameworksUsed = new HashMap<>();
    for (Object item : state.getJsonArray("frameworks", new JsonArray())) {
      JsonObject framework = (JsonObject) item;
      add(frameworksUsed, framework.getJsonObject("used_resources", new JsonObject()));
      for (Object t : framework.getJsonArray("tasks", new JsonArray())) {
        JsonObject task = (JsonObject) t;
        if (!framework.getString("id").equals(task.getString("framework_id"))) {
          found.add("task " + task.getString("id") + " is listed under framework "
              + framework.getString("id") + " but names framework " + task.getString("framework_id"));
        }
        if (LIVE.contains(task.getString("state"))) {
          add(liveByAgent.computeIfAbsent(task.getString("slave_id"), k -> new HashMap<>()),
              task.getJsonObject("resources", new JsonObject()));
        }
      }
    }
    Map<String, Double> agentsUsed = new HashMap<>();
    for (Object item : state.getJsonArray("slaves", new JsonArray())) {
      JsonObject agent = (JsonObject) item;
      agents.add(agent.getString("id"));
      overCommitted(agent, found);
      add(agentsUsed, agent.getJsonObject("used_resources", new JsonObject()));
      Map<String, Double> live = liveByAgent.getOrDefault(agent.getString("id"), Map.of());
      JsonObject used = agent.getJsonObject("used_resources", new JsonObject());
      for (String name : SCALARS) {
        if (live.getOrDefault(name, 0.0) > used.getDouble(name, 0.0) + EPSILON) {
          found.add("agent " + agent.getString("id") + ": its live tasks hold " + live.get(name)
              + " " + name + " but its used_resources say " + used.getDouble(name, 0.0));
        }
      }
    }
    for (String agent : liveByAgent.keySet()) {
      if (!agents.contains(agent)) {
        found.add("live tasks on agent " + agent + ", which /master/state does not list");
      }
    }
    Set<String> orphanFrameworks = new HashSet<>();
    for (Object item : summary.getJsonArray("slaves", new JsonArray())) {
      for (Object id : ((JsonObject) item).getJsonArray("framework_ids", new JsonArray())) {
        if (!knownFrameworks.contains((String) id)) {
          orphanFrameworks.add((String) id);
        }
      }
    }
    // Tasks of unknown frameworks count on their agents but under no framework.
    String conservation = orphanFrameworks.isEmpty() ? "" : ORPHAN;
    for (String name : SCALARS) {
      double byFrameworks = frameworksUsed.getOrDefault(name, 0.0);
      double byAgents = agentsUsed.getOrDefault(name, 0.0);
      if (Math.abs(byFrameworks - byAgents) > EPSILON * Math.max(1, byAgents)) {
        found.add(conservation + "used " + name + ": frameworks add up to " + byFrameworks + ", agents to "
            + byAgents);
      }
    }
    for (Object item : summary.getJsonArray("slaves", new JsonArray())) {
      JsonObject agent = (JsonObject) item;
      overCommitted(agent, found);
      for (Object id : agent.getJsonArray("framework_ids", new JsonArray())) {
        if (!knownFrameworks.contains((String) id)) {
          found.add(ORPHAN + "agent " + agent.getString("id") + " runs tasks of framework " + id
              + ", which is neither registered nor completed");
        }
      }
    }
    return found;
  }

  private static void overCommitted(JsonObject agent, List<String> found) {
    JsonObject total = agent.getJsonObject("resources", new JsonObject());
    JsonObject used = agent.getJsonObject("used_resources", new JsonObject());
    JsonObject offered = agent.getJsonObject("offered_resources", new JsonObject());
    for (String name : SCALARS) {
      double t = total.getDouble(name, 0.0);
      double u = used.getDouble(name, 0.0);
      double o = offered.getDouble(name, 0.0);
      if (u < -EPSILON || o < -EPSILON || u + o > t + EPSILON) {
        found.add("agent " + agent.getString("id") + " " + name + ": used " + u + " + offered " + o
            + " against a total of " + t + " (free would be " + (t - u - o) + ")");
      }
    }
  }

  private static void add(Map<String, Double> sums, JsonObject resources) {
    for (String name : SCALARS) {
      Object value = resources.getValue(name);
      if (value instanceof Number number) {
        sums.merge(name, number.doubleValue(), Double::sum);
      }
    }
  }
}
