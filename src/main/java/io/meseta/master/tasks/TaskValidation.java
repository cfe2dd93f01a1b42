package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import java.util.Optional;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Checks one task of a LAUNCH against the offer it draws on, cheapest check first. A problem is
 * reported to the framework as TASK_ERROR with REASON_TASK_INVALID and the message below.
 */
final class TaskValidation {
  private TaskValidation() {}

  /** The task's resources, or the problem that makes it invalid. */
  record Outcome(Resources resources, String problem) {
    boolean valid() {
      return problem == null;
    }
  }

  static Outcome check(TaskInfo task, AgentId offerAgent, Resources remaining,
      boolean idInUse) {
    if (task.getTaskId().getValue().isBlank()) {
      return invalid("Task ID must not be empty");
    }
    if (idInUse) {
      return invalid("Task has duplicate ID: " + task.getTaskId().getValue());
    }
    if (!task.getAgentId().getValue().equals(offerAgent.value())) {
      return invalid("Task uses agent " + task.getAgentId().getValue()
          + " but the offer is for agent " + offerAgent.value());
    }
    if (task.hasCommand() == task.hasExecutor()) {
      return invalid("Task should have at least one (but not both) of CommandInfo or"
          + " ExecutorInfo present");
    }
    if (task.hasExecutor()) {
      return invalid("Custom executors are not supported yet: launch the task with a"
          + " CommandInfo (the built-in command executor)");
    }
    Optional<String> commandProblem = commandProblem(task.getCommand());
    if (commandProblem.isPresent()) {
      return invalid(commandProblem.get());
    }
    Resources resources;
    try {
      resources = ResourcesProto.fromProto(task.getResourcesList());
    } catch (IllegalArgumentException e) {
      return invalid("Invalid resources: " + e.getMessage());
    }
    if (resources.isEmpty()) {
      return invalid("Task uses no resources: give it at least cpus or mem");
    }
    if (!remaining.contains(resources)) {
      return invalid("Task uses more resources " + resources
          + " than available " + remaining + " in the accepted offers");
    }
    return new Outcome(resources, null);
  }

  private static Optional<String> commandProblem(CommandInfo command) {
    if (!command.hasValue() || command.getValue().isBlank()) {
      return Optional.of("CommandInfo.value must be set to the command to run");
    }
    for (var variable : command.getEnvironment().getVariablesList()) {
      if (variable.getName().isEmpty()) {
        return Optional.of("Environment variable names must not be empty");
      }
    }
    return Optional.empty();
  }

  private static Outcome invalid(String problem) {
    return new Outcome(null, problem);
  }
}
