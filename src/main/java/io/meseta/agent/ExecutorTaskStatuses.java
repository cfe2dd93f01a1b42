package io.meseta.agent;

import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.TaskStatusReport;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status updates of executor tasks: those the executor sends (UPDATE calls, checked and
 * de-duplicated by uuid) and those the agent makes when a task ends without its executor's word.
 * Each goes into the agent's reliable pipeline with the state the task had before, and the
 * executor's checkpoint follows the change. Used on the agent's context.
 */
final class ExecutorTaskStatuses {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskStatuses.class);

  private final BiConsumer<TaskStatusReport, TaskState> updates;
  private final ExecutorCheckpoints checkpoints;
  private final ExecutorContext agent;
  private final AgentConfig.ExecutorTimeouts timeouts;

  ExecutorTaskStatuses(BiConsumer<TaskStatusReport, TaskState> updates,
      ExecutorCheckpoints checkpoints, ExecutorContext agent, AgentConfig.ExecutorTimeouts timeouts) {
    this.updates = updates;
    this.checkpoints = checkpoints;
    this.agent = agent;
    this.timeouts = timeouts;
  }

  /**
   * An UPDATE call.
   *
   * @return the problem that makes the update invalid (the call is answered 400), else empty
   */
  Optional<String> update(ExecutorRun run, TaskStatus status) {
    if (status.getUuid().size() != 16) {
      return Optional.of("UPDATE 'status.uuid' must be a 16-byte UUID (base64 in JSON), got "
          + status.getUuid().size() + " bytes");
    }
    if (status.getState() == org.apache.mesos.v1.Protos.TaskState.TASK_STAGING) {
      return Optional.of("UPDATE with state TASK_STAGING is not allowed: report TASK_STARTING,"
          + " TASK_RUNNING or a terminal state");
    }
    TaskKey key = TaskKey.of(run.key.frameworkId().value(), status.getTaskId().getValue());
    ExecutorRun.ExecutorTask task = run.tasks.get(key);
    if (task == null) {
      return Optional.of("Task " + status.getTaskId().getValue() + " is not a task of executor "
          + run.key.executorId() + " (it was not launched into it, or it ended and was"
          + " acknowledged)");
    }
    String uuid = Base64.getEncoder().encodeToString(status.getUuid().toByteArray());
    if (task.uuids.add(uuid) && !task.terminal) {
      TaskState before = task.state;
      TaskState state = TaskState.valueOf(status.getState().name());
      task.state = state;
      task.terminal = state.isTerminal();
      checkpoints.write(run);
      updates.accept(ExecutorProtos.report(run, status, uuid, agent.agentId()), before);
    } else if (task.terminal) {
      LOG.debug("update {} of {} after its terminal update: acknowledged, not forwarded", uuid, key);
    }
    run.deliver(ExecutorEvents.acknowledged(status.getTaskId().getValue(), status.getUuid().toByteArray()));
    return Optional.empty();
  }

  /**
   * The executor ended: each of its tasks without a terminal update gets one, saying why.
   *
   * @param exitMessage what its exit says, used when nothing more telling is known
   * @return the reason given
   */
  String endUnfinished(ExecutorRun run, String exitMessage) {
    TaskState state = run.termination == ExecutorRun.Termination.SHUTDOWN
        ? TaskState.TASK_KILLED : TaskState.TASK_FAILED;
    Reason reason = run.termination == null ? Reason.REASON_EXECUTOR_TERMINATED
        : switch (run.termination) {
          case REGISTRATION_TIMEOUT -> Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT;
          case REREGISTRATION_TIMEOUT -> Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT;
          case LAUNCH_FAILED -> Reason.REASON_CONTAINER_LAUNCH_FAILED;
          case SHUTDOWN -> Reason.REASON_EXECUTOR_TERMINATED;
        };
    String why = run.termination == ExecutorRun.Termination.REGISTRATION_TIMEOUT
        ? "Executor did not subscribe within " + timeouts.registrationTimeout().toMillis() + " ms"
        : run.termination == ExecutorRun.Termination.REREGISTRATION_TIMEOUT
            ? "Executor did not subscribe again within the recovery timeout of "
                + timeouts.recoveryTimeout().toMillis() + " ms after the agent restarted"
            : exitMessage;
    run.tasks.values().stream().filter(task -> !task.terminal).toList()
        .forEach(task -> end(run, task, state, reason, why));
    return why;
  }

  /** An update the agent makes for a task of the executor (source: agent). */
  void end(ExecutorRun run, ExecutorRun.ExecutorTask task, TaskState state, Reason reason,
      String message) {
    TaskState before = task.state;
    task.state = state;
    task.terminal = true;
    if (run.phase != ExecutorRun.Phase.TERMINATED) {
      checkpoints.write(run);
    }
    LOG.info("task {} of executor {} ended {}: {}", task.spec.taskId(), run.key, state, message);
    updates.accept(StatusReports.ofExecutorTask(TaskKey.of(task.spec.frameworkId(),
        task.spec.taskId()), agent.agentId(), state, StatusSource.SOURCE_AGENT, reason, message,
        run.key.executorId()), before);
  }
}
