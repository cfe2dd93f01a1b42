package io.meseta.protocol.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskState;
import java.util.List;
import java.util.Map;

/**
 * The agent protocol: one JSON object per WebSocket text frame, tagged by {@code type}
 * (see docs/agent-protocol.md). Agent → master messages implement {@link ToMaster}, master →
 * agent messages {@link ToAgent}. Field names go over the wire in snake_case.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AgentMessage.Register.class, name = "REGISTER"),
  @JsonSubTypes.Type(value = AgentMessage.Reregister.class, name = "REREGISTER"),
  @JsonSubTypes.Type(value = AgentMessage.Pong.class, name = "PONG"),
  @JsonSubTypes.Type(value = AgentMessage.StatusUpdate.class, name = "STATUS_UPDATE"),
  @JsonSubTypes.Type(value = AgentMessage.Registered.class, name = "REGISTERED"),
  @JsonSubTypes.Type(value = AgentMessage.Ping.class, name = "PING"),
  @JsonSubTypes.Type(value = AgentMessage.RunTask.class, name = "RUN_TASK"),
  @JsonSubTypes.Type(value = AgentMessage.KillTask.class, name = "KILL_TASK"),
  @JsonSubTypes.Type(value = AgentMessage.Acknowledge.class, name = "ACKNOWLEDGE"),
  @JsonSubTypes.Type(value = AgentMessage.ShutdownFramework.class, name = "SHUTDOWN_FRAMEWORK"),
  @JsonSubTypes.Type(value = AgentMessage.Error.class, name = "ERROR"),
  @JsonSubTypes.Type(value = AgentMessage.RunTaskGroup.class, name = "RUN_TASK_GROUP"),
  @JsonSubTypes.Type(value = AgentMessage.FrameworkMessage.class, name = "FRAMEWORK_MESSAGE"),
  @JsonSubTypes.Type(value = AgentMessage.ShutdownExecutor.class, name = "SHUTDOWN_EXECUTOR"),
  @JsonSubTypes.Type(value = AgentMessage.ExecutorExited.class, name = "EXECUTOR_EXITED")
})
public sealed interface AgentMessage extends java.io.Serializable {

  /** Sent by agents. */
  sealed interface ToMaster extends AgentMessage {}

  /** Sent by the master. */
  sealed interface ToAgent extends AgentMessage {}

  // ---- agent → master ----

  /** First message of an agent without an id; resources in Mesos text form. */
  record Register(String hostname, int port, String resources, Map<String, String> attributes)
      implements ToMaster {}

  /** An agent that had an id (after a reconnect or an agent restart) reports what it runs. */
  record Reregister(
      String agentId,
      String hostname,
      int port,
      String resources,
      Map<String, String> attributes,
      List<RunningTask> tasks,
      List<RunningExecutor> executors,
      List<RunningTask> ended)
      implements ToMaster {

    /**
     * {@code ended}: tasks that ended recently and whose end the master has been sent, in their
     * terminal state, so that a new leader that did not yet hear of it does not report them lost.
     */
    public Reregister {
      ended = ended == null ? List.of() : ended;
    }

    public Reregister(String agentId, String hostname, int port, String resources,
        Map<String, String> attributes, List<RunningTask> tasks, List<RunningExecutor> executors) {
      this(agentId, hostname, port, resources, attributes, tasks, executors, List.of());
    }

    public Reregister(String agentId, String hostname, int port, String resources,
        Map<String, String> attributes, List<RunningTask> tasks) {
      this(agentId, hostname, port, resources, attributes, tasks, List.of());
    }
  }

  record Pong(long seq) implements ToMaster {}

  /** One status update; reliable (retried until acknowledged) because it carries a uuid. */
  record StatusUpdate(TaskStatusReport status) implements ToMaster {}

  /** A custom executor ended (exited, crashed, or was destroyed); its resources are free. */
  record ExecutorExited(String frameworkId, String executorId, int status, String message)
      implements ToMaster {}

  /**
   * Opaque bytes (base64 {@code data}) between a scheduler and one of its executors: master →
   * agent it is for the executor, agent → master it is from the executor.
   */
  record FrameworkMessage(String frameworkId, String executorId, String data)
      implements ToMaster, ToAgent {}

  // ---- master → agent ----

  /** Answer to REGISTER and REREGISTER: the agent's id and how often the master will ping. */
  record Registered(String agentId, long pingIntervalMillis) implements ToAgent {}

  record Ping(long seq) implements ToAgent {}

  record RunTask(TaskSpec task) implements ToAgent {}

  /** {@code reason} (may be null) is reported with the task's TASK_KILLED, e.g. preemption. */
  record KillTask(String frameworkId, String taskId, long gracePeriodMillis, Reason reason)
      implements ToAgent {
    public KillTask(String frameworkId, String taskId, long gracePeriodMillis) {
      this(frameworkId, taskId, gracePeriodMillis, null);
    }
  }

  /** The framework acknowledged the update with this uuid: the agent stops re-sending it. */
  record Acknowledge(String frameworkId, String taskId, String uuid) implements ToAgent {}

  /** Kill every task of the framework; it is gone. */
  record ShutdownFramework(String frameworkId) implements ToAgent {}

  /** Launch a task group into one executor: all its tasks start together or none does. */
  record RunTaskGroup(String frameworkId, ExecutorSpec executor, List<TaskSpec> tasks)
      implements ToAgent {}

  /** Shut the executor down: SHUTDOWN event, then SIGKILL after its grace period. */
  record ShutdownExecutor(String frameworkId, String executorId) implements ToAgent {}

  /** The master refused a message; says what was wrong. */
  record Error(String message) implements ToAgent {}

  /** A task as the agent reports it when re-registering. */
  record RunningTask(
      String frameworkId, String taskId, String name, String resources, TaskState state)
      implements java.io.Serializable {}

  /** A custom executor as the agent reports it when re-registering. */
  record RunningExecutor(String frameworkId, String executorId, String resources)
      implements java.io.Serializable {}
}
