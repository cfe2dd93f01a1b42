package io.meseta.master.tasks;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * Checks the ExecutorInfo of a task or task group (Mesos semantics, where applicable). Meseta
 * has no built-in default executor, so every executor needs a command to start it.
 */
final class ExecutorValidation {
  private ExecutorValidation() {}

  /** The executor's own resources, or the problem that makes it invalid. */
  record Outcome(Resources resources, String problem) {}

  /**
   * @param running the ExecutorInfo of the executor with that id already on the agent, if any
   */
  static Outcome check(ExecutorInfo executor, FrameworkId framework, Optional<ExecutorInfo> running) {
    String id = executor.getExecutorId().getValue();
    if (id.isEmpty()) {
      return invalid("ExecutorInfo.executor_id must not be empty");
    }
    if (id.equals(".") || id.equals("..") || id.chars().anyMatch(c -> c == '/' || c == '\\'
        || Character.isISOControl(c))) {
      return invalid("Executor ID '" + id.replaceAll("\\p{Cntrl}", "?") + "' must not be '.',"
          + " '..' or contain '/', '\\' or control characters: it names a sandbox directory");
    }
    if (executor.hasFrameworkId() && !executor.getFrameworkId().getValue().equals(framework.value())) {
      return invalid("ExecutorInfo has an invalid FrameworkID (Actual: "
          + executor.getFrameworkId().getValue() + " vs Expected: " + framework.value() + ")");
    }
    if (executor.getType() == ExecutorInfo.Type.DEFAULT) {
      return invalid("Executor " + id + " is of type DEFAULT, but Meseta has no built-in default"
          + " executor: give it type CUSTOM and a CommandInfo that starts your executor");
    }
    if (!executor.hasCommand() || executor.getCommand().getValue().isBlank()) {
      return invalid("Executor " + id + " needs a CommandInfo with a value: the command that"
          + " starts the executor process");
    }
    for (var variable : executor.getCommand().getEnvironment().getVariablesList()) {
      if (variable.getName().isEmpty()) {
        return invalid("Executor " + id + ": environment variable names must not be empty");
      }
    }
    Resources resources;
    try {
      resources = ResourcesProto.fromProto(executor.getResourcesList());
    } catch (IllegalArgumentException e) {
      return invalid("Executor " + id + " has invalid resources: " + e.getMessage());
    }
    if (running.isPresent()) {
      if (!comparable(running.get()).equals(comparable(executor))) {
        return invalid("ExecutorInfo for executor " + id + " differs from that of the executor"
            + " already running on this agent: launch with the same ExecutorInfo, or use a new"
            + " executor id");
      }
      return new Outcome(Resources.EMPTY, null); // charged when it was first launched
    }
    return new Outcome(resources, null);
  }

  /** framework_id may be set by one launch and left out by the next: it does not make a difference. */
  private static ExecutorInfo comparable(ExecutorInfo info) {
    return info.toBuilder().clearFrameworkId().build();
  }

  private static Outcome invalid(String problem) {
    return new Outcome(null, problem);
  }
}
