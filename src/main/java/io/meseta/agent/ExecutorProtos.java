package io.meseta.agent;

import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.ProtoNodes;
import io.meseta.protocol.agent.TaskSpec;
import io.meseta.protocol.agent.TaskStatusReport;
import io.meseta.protocol.json.MesosJsonException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * Conversions between the agent protocol and the Mesos messages an executor sees. The master
 * sends the framework's own TaskInfo and ExecutorInfo; should one be missing or unreadable (an
 * older master), a minimal one is built from the spec so that the executor still gets its task.
 */
final class ExecutorProtos {
  private ExecutorProtos() {}

  static TaskInfo taskInfo(TaskSpec spec, String agentId) {
    if (spec.taskInfo() != null) {
      try {
        return ProtoNodes.fromNode(spec.taskInfo(), TaskInfo.getDefaultInstance());
      } catch (MesosJsonException e) {
        // fall through to the minimal form
      }
    }
    return TaskInfo.newBuilder().setName(spec.name() == null ? spec.taskId() : spec.name())
        .setTaskId(TaskID.newBuilder().setValue(spec.taskId()))
        .setAgentId(AgentID.newBuilder().setValue(agentId == null ? "" : agentId))
        .build();
  }

  static ExecutorInfo executorInfo(ExecutorRun run) {
    if (run.spec.executorInfo() != null) {
      try {
        return ProtoNodes.fromNode(run.spec.executorInfo(), ExecutorInfo.getDefaultInstance());
      } catch (MesosJsonException e) {
        // fall through to the minimal form
      }
    }
    return ExecutorInfo.newBuilder()
        .setExecutorId(ExecutorID.newBuilder().setValue(run.key.executorId()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(run.key.frameworkId().value()))
        .setCommand(CommandInfo.newBuilder().setValue(run.spec.command().value()))
        .build();
  }

  static FrameworkInfo frameworkInfo(ExecutorRun run) {
    if (run.spec.frameworkInfo() != null) {
      try {
        return ProtoNodes.fromNode(run.spec.frameworkInfo(), FrameworkInfo.getDefaultInstance());
      } catch (MesosJsonException e) {
        // fall through to the minimal form
      }
    }
    return FrameworkInfo.newBuilder().setUser("").setName("")
        .setId(FrameworkID.newBuilder().setValue(run.key.frameworkId().value())).build();
  }

  static ContainerID containerId(ExecutorRun run) {
    return ContainerID.newBuilder().setValue(run.containerId).build();
  }

  /**
   * A held event as it goes out at subscription: launches of tasks that ended meanwhile (killed
   * before the executor subscribed) are left out, and so is a group left with no task.
   *
   * @param executorHas task ids the executor says it already has ({@code unacknowledged_tasks}
   *     of its SUBSCRIBE): after an agent restart a launch may have reached it unrecorded
   */
  static Optional<Event> withoutEnded(Event event, ExecutorRun run, Set<String> executorHas) {
    if (event.getType() == Event.Type.LAUNCH) {
      TaskInfo task = event.getLaunch().getTask();
      return ended(run, task) || executorHas.contains(task.getTaskId().getValue())
          ? Optional.empty() : Optional.of(event);
    }
    if (event.getType() == Event.Type.LAUNCH_GROUP) {
      TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
      event.getLaunchGroup().getTaskGroup().getTasksList().stream()
          .filter(task -> !ended(run, task) && !executorHas.contains(task.getTaskId().getValue()))
          .forEach(group::addTasks);
      return group.getTasksCount() == 0 ? Optional.empty() : Optional.of(ExecutorEvents.launchGroup(group.build()));
    }
    return Optional.of(event);
  }

  private static boolean ended(ExecutorRun run, TaskInfo task) {
    ExecutorRun.ExecutorTask known =
        run.tasks.get(TaskKey.of(run.key.frameworkId().value(), task.getTaskId().getValue()));
    return known == null || known.terminal;
  }

  /** An executor's UPDATE as the agent forwards it; the executor's uuid stays the update's. */
  static TaskStatusReport report(ExecutorRun run, TaskStatus status, String uuid, String agentId) {
    Reason reason = null;
    if (status.hasReason()) {
      try {
        reason = Reason.valueOf(status.getReason().name());
      } catch (IllegalArgumentException e) {
        reason = null; // a reason newer than ours: the state says enough
      }
    }
    double timestamp = status.hasTimestamp() ? status.getTimestamp() : System.currentTimeMillis() / 1000.0;
    return new TaskStatusReport(run.key.frameworkId().value(), status.getTaskId().getValue(),
        agentId, TaskState.valueOf(status.getState().name()), reason, StatusSource.SOURCE_EXECUTOR,
        status.hasMessage() ? status.getMessage() : null, timestamp, uuid, run.key.executorId(),
        status.hasData() ? Base64.getEncoder().encodeToString(status.getData().toByteArray()) : null);
  }
}
