package io.meseta.gateway.operator;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;

/**
 * The query of {@code /master/tasks}: {@code framework_id}, {@code task_id}, {@code limit}
 * (default 100, Mesos' TASK_LIMIT), {@code offset} (default 0) and {@code order} ({@code asc} or
 * {@code desc}, the default), ordering by each task's earliest status timestamp as Mesos does.
 */
record TaskQuery(String frameworkId, String taskId, int limit, int offset, boolean ascending) {
  static final int DEFAULT_LIMIT = 100;

  /** @throws IllegalArgumentException with a message saying which parameter and what is allowed */
  static TaskQuery parse(MultiMap params) {
    return new TaskQuery(
        params.get("framework_id"),
        params.get("task_id"),
        nonNegative(params.get("limit"), "limit", DEFAULT_LIMIT),
        nonNegative(params.get("offset"), "offset", 0),
        ascending(params.get("order")));
  }

  /** The matching tasks, ordered, then paged. */
  JsonObject apply(List<JsonObject> tasks) {
    Comparator<JsonObject> byStart = Comparator.comparingDouble(TaskQuery::startTime);
    List<JsonObject> selected = tasks.stream()
        .filter(t -> frameworkId == null || frameworkId.equals(t.getString("framework_id")))
        .filter(t -> taskId == null || taskId.equals(t.getString("id")))
        .sorted(ascending ? byStart : byStart.reversed())
        .skip(offset)
        .limit(limit)
        .toList();
    return new JsonObject().put("tasks", new JsonArray(List.copyOf(selected)));
  }

  private static double startTime(JsonObject task) {
    JsonArray statuses = task.getJsonArray("statuses", new JsonArray());
    double earliest = Double.MAX_VALUE;
    for (Object s : statuses) {
      earliest = Math.min(earliest, ((JsonObject) s).getDouble("timestamp", Double.MAX_VALUE));
    }
    return earliest;
  }

  private static int nonNegative(String value, String name, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with what is allowed
    }
    throw new IllegalArgumentException("Invalid '" + name + "' parameter '" + value
        + "': expected a whole number from 0 to " + Integer.MAX_VALUE
        + (name.equals("limit") ? " (default " + DEFAULT_LIMIT + ")" : " (default 0)"));
  }

  private static boolean ascending(String order) {
    if (order == null || order.equals("desc")) {
      return false;
    }
    if (order.equals("asc")) {
      return true;
    }
    throw new IllegalArgumentException("Invalid 'order' parameter '" + order
        + "': expected 'asc' or 'desc' (default 'desc')");
  }
}
