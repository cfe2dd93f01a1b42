package io.meseta.master.tasks;

import io.meseta.core.resources.Resources;
import io.meseta.protocol.agent.CommandSpec;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.ProtoNodes;
import io.meseta.protocol.agent.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/** Turns a validated Mesos TaskInfo into what the agent protocol carries. */
final class TaskSpecs {
  private TaskSpecs() {}

  /**
   * A command task.
   *
   * @param framework what the framework subscribed with (its user runs the task when the
   *     command names none); null when the master does not know
   */
  static TaskSpec of(String frameworkId, TaskInfo task, Resources resources,
      FrameworkInfo framework) {
    return new TaskSpec(frameworkId, task.getTaskId().getValue(), task.getName(),
        resources.toText(), command(task.getCommand(), framework), millis(task.hasKillPolicy()
            && task.getKillPolicy().hasGracePeriod() ? task.getKillPolicy().getGracePeriod() : null));
  }

  /** A task for a custom executor: it carries its TaskInfo, which the executor receives. */
  static TaskSpec ofExecutorTask(String frameworkId, TaskInfo task, Resources resources,
      ExecutorSpec executor) {
    long grace = millis(task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
        ? task.getKillPolicy().getGracePeriod() : null);
    return new TaskSpec(frameworkId, task.getTaskId().getValue(), task.getName(),
        resources.toText(), null, grace, executor, ProtoNodes.toNode(task));
  }

  /**
   * @param resources the executor's resources as validated
   * @param framework what the framework subscribed with; null when the master does not know
   */
  static ExecutorSpec executor(String frameworkId, ExecutorInfo info, Resources resources,
      FrameworkInfo framework) {
    ExecutorInfo withFramework = info.toBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId)).build();
    FrameworkInfo frameworkInfo = framework != null ? framework
        : FrameworkInfo.newBuilder().setUser("").setName("")
            .setId(FrameworkID.newBuilder().setValue(frameworkId)).build();
    return new ExecutorSpec(info.getExecutorId().getValue(),
        command(info.getCommand(), framework),
        resources.toText(),
        millis(info.hasShutdownGracePeriod() ? info.getShutdownGracePeriod() : null),
        frameworkInfo.getCheckpoint(), ProtoNodes.toNode(withFramework),
        ProtoNodes.toNode(frameworkInfo));
  }

  private static CommandSpec command(CommandInfo command, FrameworkInfo framework) {
    Map<String, String> environment = new LinkedHashMap<>();
    command.getEnvironment().getVariablesList().forEach(v -> environment.put(v.getName(), v.getValue()));
    // CommandInfo.shell defaults to true in Mesos.
    return new CommandSpec(!command.hasShell() || command.getShell(), command.getValue(),
        command.getArgumentsList(), environment, user(command, framework));
  }

  /** Mesos: CommandInfo.user, else FrameworkInfo.user; the agent decides whether to switch. */
  private static String user(CommandInfo command, FrameworkInfo framework) {
    if (command.hasUser() && !command.getUser().isBlank()) {
      return command.getUser();
    }
    return framework != null && !framework.getUser().isBlank() ? framework.getUser() : null;
  }

  private static long millis(DurationInfo duration) {
    return duration == null ? 0 : duration.getNanoseconds() / 1_000_000;
  }
}
