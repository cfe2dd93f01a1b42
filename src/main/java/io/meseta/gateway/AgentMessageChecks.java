package io.meseta.gateway;

import io.meseta.core.resources.Resources;
import io.meseta.gateway.security.MesosIds;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks an agent's message before it reaches the services: required fields present, ids valid,
 * base64 fields decodable, resources parseable and, on REREGISTER, the tasks and executors fitting
 * in the agent's total. Without these, a malformed frame (found by the fuzz campaign) threw inside
 * the task tracker or the allocator, unanswered, and could leave the agent registry and the
 * allocator disagreeing about an agent.
 */
final class AgentMessageChecks {
  private AgentMessageChecks() {}

  /** What is wrong with {@code message}, said so that the agent's author can fix it; else empty. */
  static Optional<String> problem(AgentMessage message, int maxIdLength) {
    try {
      if (message instanceof AgentMessage.Register register) {
        return required("hostname", register.hostname()).or(() -> resources(register.resources()))
            .or(() -> attributes(register.attributes()));
      } else if (message instanceof AgentMessage.Reregister reregister) {
        return reregister(reregister, maxIdLength);
      } else if (message instanceof AgentMessage.StatusUpdate update) {
        return status(update.status(), maxIdLength);
      } else if (message instanceof AgentMessage.FrameworkMessage framework) {
        return id("framework_id", framework.frameworkId(), maxIdLength)
            .or(() -> id("executor_id", framework.executorId(), maxIdLength))
            .or(() -> base64("data", framework.data()));
      } else if (message instanceof AgentMessage.ExecutorExited exited) {
        return id("framework_id", exited.frameworkId(), maxIdLength)
            .or(() -> id("executor_id", exited.executorId(), maxIdLength));
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> reregister(AgentMessage.Reregister message, int maxIdLength) {
    Optional<String> problem = id("agent_id", message.agentId(), maxIdLength)
        .or(() -> required("hostname", message.hostname()))
        .or(() -> resources(message.resources()))
        .or(() -> attributes(message.attributes()));
    if (problem.isPresent()) {
      return problem;
    }
    List<String> inUse = new ArrayList<>();
    for (AgentMessage.RunningTask task : message.tasks() == null
        ? List.<AgentMessage.RunningTask>of() : message.tasks()) {
      problem = task == null ? Optional.of("REREGISTER: a task entry is null")
          : id("tasks[].framework_id", task.frameworkId(), maxIdLength)
              .or(() -> id("tasks[].task_id", task.taskId(), maxIdLength))
              .or(() -> required("tasks[].state", task.state()))
              .or(() -> resources(task.resources()));
      if (problem.isPresent()) {
        return problem;
      }
      inUse.add(task.resources());
    }
    for (AgentMessage.RunningExecutor executor : message.executors() == null
        ? List.<AgentMessage.RunningExecutor>of() : message.executors()) {
      problem = executor == null ? Optional.of("REREGISTER: an executor entry is null")
          : id("executors[].framework_id", executor.frameworkId(), maxIdLength)
              .or(() -> id("executors[].executor_id", executor.executorId(), maxIdLength))
              .or(() -> resources(executor.resources()));
      if (problem.isPresent()) {
        return problem;
      }
      inUse.add(executor.resources());
    }
    Resources total = Resources.parse(message.resources());
    Resources used = Resources.EMPTY;
    for (String resources : inUse) {
      used = used.plus(Resources.parse(resources));
    }
    return total.contains(used) ? Optional.empty() : Optional.of("REREGISTER: the tasks and"
        + " executors use " + used.toText() + ", more than the agent's resources "
        + total.toText() + "; report the resources the agent really has");
  }

  private static Optional<String> status(TaskStatusReport status, int maxIdLength) {
    if (status == null) {
      return Optional.of("STATUS_UPDATE without 'status'");
    }
    return id("status.framework_id", status.frameworkId(), maxIdLength)
        .or(() -> id("status.task_id", status.taskId(), maxIdLength))
        .or(() -> required("status.state", status.state()))
        .or(() -> base64("status.uuid", status.uuid()))
        .or(() -> base64("status.data", status.data()));
  }

  private static Optional<String> id(String field, String value, int maxIdLength) {
    return required(field, value).or(() -> MesosIds.problem(field, value, maxIdLength));
  }

  private static Optional<String> required(String field, Object value) {
    return value == null ? Optional.of("'" + field + "' is missing; it is required") : Optional.empty();
  }

  private static Optional<String> resources(String text) {
    if (text == null) {
      return Optional.of("'resources' is missing; write them in Mesos text form, e.g."
          + " cpus:4;mem:4096");
    }
    Resources.parse(text);
    return Optional.empty();
  }

  private static Optional<String> attributes(java.util.Map<String, String> attributes) {
    return attributes != null && attributes.entrySet().stream()
        .anyMatch(e -> e.getKey() == null || e.getValue() == null)
        ? Optional.of("'attributes' must map names to text values, none of them null")
        : Optional.empty();
  }

  private static Optional<String> base64(String field, String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      Base64.getDecoder().decode(value);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("'" + field + "' must be standard base64: " + e.getMessage());
    }
  }
}
