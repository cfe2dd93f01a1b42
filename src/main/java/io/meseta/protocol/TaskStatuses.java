package io.meseta.protocol;

import com.google.protobuf.ByteString;
import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.TaskStatusReport;
import java.util.Base64;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Builds Mesos {@code TaskStatus} messages. Agent updates keep their uuid (the framework must
 * acknowledge them); master-generated ones carry none and must not be acknowledged (§1.9).
 */
public final class TaskStatuses {
  private TaskStatuses() {}

  public static TaskStatus fromAgent(TaskStatusReport report) {
    TaskStatus.Builder b = TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(report.taskId()))
        .setState(org.apache.mesos.v1.Protos.TaskState.valueOf(report.state().name()))
        .setSource(TaskStatus.Source.valueOf(
            (report.source() == null ? StatusSource.SOURCE_AGENT : report.source()).name()))
        .setTimestamp(report.timestamp());
    if (report.agentId() != null) {
      b.setAgentId(AgentID.newBuilder().setValue(report.agentId()));
    }
    if (report.reason() != null) {
      b.setReason(TaskStatus.Reason.valueOf(report.reason().name()));
    }
    if (report.message() != null) {
      b.setMessage(report.message());
    }
    if (report.uuid() != null) {
      b.setUuid(ByteString.copyFrom(Base64.getDecoder().decode(report.uuid())));
    }
    if (report.executorId() != null) {
      b.setExecutorId(ExecutorID.newBuilder().setValue(report.executorId()));
    }
    if (report.data() != null) {
      b.setData(ByteString.copyFrom(Base64.getDecoder().decode(report.data())));
    }
    return b.build();
  }

  /** A status the master generates itself: source master, no uuid. */
  public static TaskStatus fromMaster(
      String taskId, String agentId, TaskState state, Reason reason, String message,
      double timestampSeconds) {
    TaskStatus.Builder b = TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(taskId))
        .setState(org.apache.mesos.v1.Protos.TaskState.valueOf(state.name()))
        .setSource(TaskStatus.Source.SOURCE_MASTER)
        .setTimestamp(timestampSeconds);
    if (agentId != null) {
      b.setAgentId(AgentID.newBuilder().setValue(agentId));
    }
    if (reason != null) {
      b.setReason(TaskStatus.Reason.valueOf(reason.name()));
    }
    if (message != null) {
      b.setMessage(message);
    }
    return b.build();
  }
}
