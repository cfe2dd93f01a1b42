package io.meseta.protocol.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an agent needs to run a task: ids, resources (Mesos text form), the command, and how
 * long to wait between SIGTERM and SIGKILL when it is killed. A task for a custom executor has
 * no command but an {@code executor}, and carries its whole Mesos TaskInfo ({@code task_info},
 * JSON) because the executor receives it as it was launched.
 */
public record TaskSpec(
    String frameworkId,
    String taskId,
    String name,
    String resources,
    CommandSpec command,
    long killGracePeriodMillis,
    ExecutorSpec executor,
    JsonNode taskInfo) implements java.io.Serializable {

  /** A command task (run by the agent itself). */
  public TaskSpec(String frameworkId, String taskId, String name, String resources,
      CommandSpec command, long killGracePeriodMillis) {
    this(frameworkId, taskId, name, resources, command, killGracePeriodMillis, null, null);
  }
}
