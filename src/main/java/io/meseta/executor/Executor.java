package io.meseta.executor;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * An executor's callbacks. All run on the driver's Vert.x context, one at a time, and none may
 * block: run task work on threads of your own and report it with
 * {@link ExecutorDriver#sendStatusUpdate}, which may be called from any thread.
 */
public interface Executor {
  /** Subscribed to the agent for the first time. */
  void registered(ExecutorDriver driver, ExecutorInfo executor, FrameworkInfo framework,
      AgentInfo agent);

  /** Subscribed again after the connection to the agent was lost (checkpointing frameworks). */
  default void reregistered(ExecutorDriver driver, AgentInfo agent) {}

  /**
   * The connection to the agent is lost. With checkpointing the driver re-subscribes for up to
   * MESOS_RECOVERY_TIMEOUT; without, it stops, and the executor should exit.
   */
  default void disconnected(ExecutorDriver driver) {}

  /** Start the task; report TASK_RUNNING and, eventually, exactly one terminal state. */
  void launchTask(ExecutorDriver driver, TaskInfo task);

  /** A task group: all its tasks at once. By default each is launched on its own. */
  default void launchTaskGroup(ExecutorDriver driver, TaskGroupInfo group) {
    group.getTasksList().forEach(task -> launchTask(driver, task));
  }

  /** Stop the task and report TASK_KILLED (or how else it ended). */
  void killTask(ExecutorDriver driver, TaskID taskId);

  /** Opaque bytes from the scheduler. */
  default void frameworkMessage(ExecutorDriver driver, byte[] data) {}

  /**
   * Kill every task (report each TASK_KILLED), then {@link ExecutorDriver#stop()}: the agent kills
   * the process after MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD.
   */
  void shutdown(ExecutorDriver driver);

  /** The agent reported an error, or a call was refused (the message says why). */
  default void error(ExecutorDriver driver, String message) {}
}
