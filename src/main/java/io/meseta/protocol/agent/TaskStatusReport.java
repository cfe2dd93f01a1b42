package io.meseta.protocol.agent;

import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;

/**
 * A task status as an agent reports it. {@code uuid} (base64 of 16 bytes) identifies the update
 * for acknowledgement; {@code timestamp} is seconds since the epoch; {@code reason} may be null.
 * Updates of executor tasks also name their {@code executor_id} and may carry the executor's
 * {@code data} (base64).
 */
public record TaskStatusReport(
    String frameworkId,
    String taskId,
    String agentId,
    TaskState state,
    Reason reason,
    StatusSource source,
    String message,
    double timestamp,
    String uuid,
    String executorId,
    String data) implements java.io.Serializable {

  public TaskStatusReport(String frameworkId, String taskId, String agentId, TaskState state,
      Reason reason, StatusSource source, String message, double timestamp, String uuid) {
    this(frameworkId, taskId, agentId, state, reason, source, message, timestamp, uuid, null, null);
  }
}
