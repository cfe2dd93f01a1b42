package io.meseta.acl;

import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The OS user a task runs as, as Mesos decides it for {@code run_tasks}: the task's command
 * user, else its executor's, else the framework's {@code user}.
 */
public final class TaskUsers {
  private TaskUsers() {}

  /** @param framework what the framework subscribed with, or null if unknown */
  public static String userOf(TaskInfo task, ExecutorInfo groupExecutor, FrameworkInfo framework) {
    if (task.hasCommand() && task.getCommand().hasUser()) {
      return task.getCommand().getUser();
    }
    ExecutorInfo executor = task.hasExecutor() ? task.getExecutor() : groupExecutor;
    if (executor != null && executor.hasCommand() && executor.getCommand().hasUser()) {
      return executor.getCommand().getUser();
    }
    return framework != null && framework.hasUser() ? framework.getUser() : null;
  }
}
