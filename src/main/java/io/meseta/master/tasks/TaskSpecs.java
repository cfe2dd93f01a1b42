package io.meseta.master.tasks;

import io.meseta.core.resources.Resources;
import io.meseta.protocol.agent.CommandSpec;
import io.meseta.protocol.agent.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/** Turns a validated Mesos TaskInfo into what the agent protocol carries. */
final class TaskSpecs {
  private TaskSpecs() {}

  static TaskSpec of(String frameworkId, TaskInfo task, Resources resources) {
    CommandInfo command = task.getCommand();
    Map<String, String> environment = new LinkedHashMap<>();
    command.getEnvironment().getVariablesList().forEach(v -> environment.put(v.getName(), v.getValue()));
    long graceMillis = task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
        ? task.getKillPolicy().getGracePeriod().getNanoseconds() / 1_000_000
        : 0;
    return new TaskSpec(
        frameworkId,
        task.getTaskId().getValue(),
        task.getName(),
        resources.toText(),
        // CommandInfo.shell defaults to true in Mesos.
        new CommandSpec(!command.hasShell() || command.getShell(), command.getValue(),
            command.getArgumentsList(), environment),
        graceMillis);
  }
}
