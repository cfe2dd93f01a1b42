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

  TrackedTask(Task task) {
    this.task = task;
  }

  void record(TaskStatus status) {
    latest = status;
    // Mesos keeps every status in state.json; a bound keeps a flapping task from growing forever.
    if (statuses.size() < 32) {
      statuses.add(status);
    }
  }
}
