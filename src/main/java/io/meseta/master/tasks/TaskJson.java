package io.meseta.master.tasks;

import io.meseta.protocol.StateJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Tasks in Mesos' {@code /master/state} shape, grouped by framework id. */
final class TaskJson {
  private TaskJson() {}

  static JsonObject state(TaskTable table) {
    JsonObject byFramework = new JsonObject();
    for (var framework : table.frameworks()) {
      JsonArray active = new JsonArray();
      table.activeOf(framework).forEach(t -> active.add(task(t)));
      JsonArray completed = new JsonArray();
      table.completedOf(framework).forEach(t -> completed.add(task(t)));
      byFramework.put(framework.value(),
          new JsonObject().put("tasks", active).put("completed_tasks", completed));
    }
    return new JsonObject().put("tasks_by_framework", byFramework)
        .put("task_time_seconds", table.totalRunSeconds(System.currentTimeMillis() / 1000.0));
  }

  /** One task in the state answer; also the body of the operator TASK_ADDED fact. */
  static JsonObject task(TrackedTask t) {
    JsonArray statuses = new JsonArray();
    t.statuses.forEach(s -> statuses.add(new JsonObject()
        .put("state", s.getState().name())
        .put("timestamp", s.getTimestamp())));
    return new JsonObject()
        .put("id", t.task.id().value())
        .put("name", t.task.name())
        .put("framework_id", t.task.frameworkId().value())
        .put("executor_id", "")
        .put("slave_id", t.task.agentId().value())
        .put("state", t.task.state().name())
        .put("resources", StateJson.flatResources(t.task.resources()))
        .put("statuses", statuses);
  }
}
