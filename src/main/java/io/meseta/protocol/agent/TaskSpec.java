package io.meseta.protocol.agent;

/**
 * What an agent needs to run a task: ids, resources (Mesos text form), the command, and how
 * long to wait between SIGTERM and SIGKILL when it is killed.
 */
public record TaskSpec(
    String frameworkId,
    String taskId,
    String name,
    String resources,
    CommandSpec command,
    long killGracePeriodMillis) {}
