package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Checks one task of a LAUNCH, or a whole LAUNCH_GROUP, against the offer it draws on, cheapest
 * check first. A problem is reported to the framework as TASK_ERROR with REASON_TASK_INVALID
 * (REASON_TASK_GROUP_INVALID for every task of an invalid group) and the message below.
 */
final class TaskValidation {
  private TaskValidation() {}

  /**
   * The task's resources and those of its executor if this launch starts it (else empty), or the
   * problem that makes it invalid.
   */
  record Outcome(Resources resources, Resources executorResources, String problem) {
    boolean valid() {
      return problem == null;
    }

    Resources total() {
      return resources.plus(executorResources);
    }
  }

  /** Per task resources (in group order) and the executor's, or the problem. */
  record GroupOutcome(List<Resources> resources, Resources executorResources, String problem) {
    boolean valid() {
      return problem == null;
    }
  }

  /**
   * @param running the executor of the same id already on the agent, if the task names one
   */
  static Outcome check(TaskInfo task, AgentId offerAgent, FrameworkId framework,
      Resources remaining, boolean idInUse, Optional<ExecutorInfo> running) {
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
    Resources executorResources = Resources.EMPTY;
    if (task.hasExecutor()) {
      ExecutorValidation.Outcome executor =
          ExecutorValidation.check(task.getExecutor(), framework, running);
      if (executor.problem() != null) {
        return invalid(executor.problem());
      }
      executorResources = executor.resources();
    } else {
      Optional<String> commandProblem = commandProblem(task.getCommand());
      if (commandProblem.isPresent()) {
        return invalid(commandProblem.get());
      }
    }
    Resources resources;
    try {
      resources = ResourcesProto.fromProto(task.getResourcesList());
    } catch (IllegalArgumentException e) {
      return invalid("Invalid resources: " + e.getMessage());
    }
    // An executor's task may use nothing of its own: the executor's resources cover it.
    if (resources.isEmpty() && !task.hasExecutor()) {
      return invalid("Task uses no resources: give it at least cpus or mem");
    }
    Resources total = resources.plus(executorResources);
    if (!remaining.contains(total)) {
      return invalid("Task uses more resources " + total
          + (executorResources.isEmpty() ? "" : " (with its executor's " + executorResources + ")")
          + " than available " + remaining + " in the accepted offers");
    }
    return new Outcome(resources, executorResources, null);
  }

  /**
   * All tasks of a group are valid or none is launched (Mesos LAUNCH_GROUP).
   *
   * @param idInUse whether a task id is already used by a live task of the framework
   */
  static GroupOutcome checkGroup(Offer.Operation.LaunchGroup group, AgentId offerAgent,
      FrameworkId framework, Resources remaining, Predicate<String> idInUse,
      Optional<ExecutorInfo> running) {
    if (!group.hasExecutor()) {
      return invalidGroup("LAUNCH_GROUP needs an 'executor' to run the task group");
    }
    if (group.getTaskGroup().getTasksCount() == 0) {
      return invalidGroup("Task group is empty: give LAUNCH_GROUP at least one task");
    }
    ExecutorInfo executor = group.getExecutor();
    ExecutorValidation.Outcome executorCheck = ExecutorValidation.check(executor, framework, running);
    if (executorCheck.problem() != null) {
      return invalidGroup(executorCheck.problem());
    }
    Resources left = remaining.minus(executorCheck.resources());
    if (!remaining.contains(executorCheck.resources())) {
      return invalidGroup("Executor " + executor.getExecutorId().getValue() + " uses more resources "
          + executorCheck.resources() + " than available " + remaining + " in the accepted offers");
    }
    Set<String> seen = new HashSet<>();
    List<Resources> resources = new ArrayList<>();
    for (TaskInfo task : group.getTaskGroup().getTasksList()) {
      String id = task.getTaskId().getValue();
      if (task.hasExecutor()) {
        return invalidGroup("Task " + id + " of the task group has an ExecutorInfo: set the"
            + " executor once, in LaunchGroup.executor, and leave it out of the tasks");
      }
      Outcome outcome = check(task.toBuilder().setExecutor(executor).build(), offerAgent,
          framework, left, !seen.add(id) || idInUse.test(id), Optional.of(executor));
      if (!outcome.valid()) {
        return invalidGroup("Task " + id + " of the task group is invalid: " + outcome.problem());
      }
      left = left.minus(outcome.resources());
      resources.add(outcome.resources());
    }
    return new GroupOutcome(resources, executorCheck.resources(), null);
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
    return new Outcome(null, null, problem);
  }

  private static GroupOutcome invalidGroup(String problem) {
    return new GroupOutcome(List.of(), null, problem);
  }
}
