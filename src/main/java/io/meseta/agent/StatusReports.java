package io.meseta.agent;

import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.TaskStatusReport;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/** Makes status updates: each one a fresh uuid (what the framework acknowledges) and a time. */
final class StatusReports {
  private StatusReports() {}

  static TaskStatusReport of(
      TaskKey task,
      String agentId,
      TaskState state,
      StatusSource source,
      Reason reason,
      String message) {
    return new TaskStatusReport(
        task.frameworkId().value(),
        task.taskId().value(),
        agentId,
        state,
        reason,
        source,
        message,
        System.currentTimeMillis() / 1000.0,
        newUuid());
  }

  /** An update the agent makes for a task of a custom executor. */
  static TaskStatusReport ofExecutorTask(TaskKey task, String agentId, TaskState state,
      StatusSource source, Reason reason, String message, String executorId) {
    return new TaskStatusReport(task.frameworkId().value(), task.taskId().value(), agentId, state,
        reason, source, message, System.currentTimeMillis() / 1000.0, newUuid(), executorId, null);
  }

  /** Base64 of 16 random bytes, as Mesos' JSON carries its bytes uuid. */
  static String newUuid() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
