package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import io.meseta.core.tasks.Task;
import io.meseta.master.state.StateStore;
import io.meseta.master.state.StateWriter;
import io.vertx.core.json.JsonObject;

/**
 * Unfinished tasks in the state store, so that a new leader knows every task an earlier one
 * launched, even one whose agent never heard of it: such a task is reported lost when its
 * agent re-registers without it, instead of vanishing. A task leaves the store when it leaves
 * the active table (terminal and acknowledged). Only what a new leader needs is kept (ids,
 * agent, resources, state), not the status history: this is written for every task change.
 */
final class StoredTasks {
  private StoredTasks() {}

  /** Writes through {@code writer}; documents are built when the writer flushes. */
  static TaskTable.Journal journal(StateWriter writer) {
    return new TaskTable.Journal() {
      @Override
      public void changed(TrackedTask task) {
        writer.put(StateStore.TASKS, key(task), () -> toJson(task));
      }

      @Override
      public void completed(TrackedTask task) {
        writer.remove(StateStore.TASKS, key(task));
      }
    };
  }

  static String key(TrackedTask tracked) {
    return tracked.task.frameworkId().value() + "/" + tracked.task.id().value();
  }

  static JsonObject toJson(TrackedTask tracked) {
    Task task = tracked.task;
    JsonObject json = new JsonObject()
        .put("framework_id", task.frameworkId().value())
        .put("task_id", task.id().value())
        .put("agent_id", task.agentId().value())
        .put("name", task.name())
        .put("resources", task.resources().toText())
        .put("state", task.state().name())
        .put("resources_released", task.resourcesReleased());
    if (tracked.unackedUuid != null) {
      json.put("unacked_uuid", tracked.unackedUuid);
    }
    return json;
  }

  static TrackedTask fromJson(JsonObject json) {
    TrackedTask tracked = new TrackedTask(new Task(
        TaskId.of(json.getString("task_id")),
        FrameworkId.of(json.getString("framework_id")),
        AgentId.of(json.getString("agent_id")),
        json.getString("name"),
        Resources.parse(json.getString("resources")),
        TaskState.valueOf(json.getString("state")),
        json.getBoolean("resources_released", false)));
    tracked.unackedUuid = json.getString("unacked_uuid");
    return tracked;
  }
}
