package io.meseta.agent.checkpoint;

import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.TaskStatusReport;
import java.util.List;

/**
 * {@code meta/frameworks/<fw>/tasks/<task>/updates.json}: a task's unacknowledged status
 * updates, oldest first (the head is the one in flight).
 *
 * @param headSent whether the head reached the transport (the master may know its state)
 * @param acknowledgedState the state of the latest acknowledged update; null when none was
 */
public record UpdatesCheckpoint(
    List<TaskStatusReport> pending, boolean headSent, TaskState acknowledgedState) {

  public UpdatesCheckpoint {
    pending = pending == null ? List.of() : List.copyOf(pending);
  }
}
