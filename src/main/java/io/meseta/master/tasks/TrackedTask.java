package io.meseta.master.tasks;

import io.meseta.core.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A task with its status history. {@code unackedUuid} is the uuid (base64) of the last reliable
 * update forwarded to the framework and not yet acknowledged; a terminal task leaves the active
 * table only once that is acknowledged, so the agent's retries still find it.
 */
final class TrackedTask {
  Task task;
  TaskStatus latest;
  String unackedUuid;
  final List<TaskStatus> statuses = new ArrayList<>();
  /** Where changes are written; set by the table the task is added to. */
  TaskTable.Journal journal = TaskTable.Journal.NONE;

  TrackedTask(Task task) {
    this.task = task;
  }

  /**
   * Seconds the task has run: from its first TASK_RUNNING to its first terminal status, or to
   * {@code nowSeconds} while it runs. Zero for a task that never ran.
   */
  double runSeconds(double nowSeconds) {
    double start = -1;
    for (TaskStatus s : statuses) {
      if (start < 0 && s.getState() == org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING) {
        start = s.getTimestamp();
      } else if (start >= 0 && task.state().isTerminal()
          && s.getState().name().equals(task.state().name())) {
        return Math.max(0, s.getTimestamp() - start);
      }
    }
    if (start < 0) {
      return 0;
    }
    return task.state().isTerminal() ? 0 : Math.max(0, nowSeconds - start);
  }

  void record(TaskStatus status) {
    latest = status;
    journal.changed(this);
    // Mesos keeps every status in state.json; a bound keeps a flapping task from growing forever.
    if (statuses.size() < 32) {
      statuses.add(status);
    }
  }
}
