package io.meseta.protocol.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A custom executor as the agent starts it: once per ({@code framework_id}, {@code executor_id})
 * on an agent, whatever number of tasks is sent to it.
 *
 * @param executorId the framework's name for the executor, unique within the framework
 * @param command how to start the executor process
 * @param resources the executor's own resources (Mesos text form), on top of its tasks'
 * @param shutdownGracePeriodMillis SHUTDOWN → SIGKILL delay; 0 = the agent default (5 s)
 * @param checkpoint whether the framework checkpoints (MESOS_CHECKPOINT for the executor)
 * @param executorInfo the Mesos ExecutorInfo as the framework gave it (JSON), for SUBSCRIBED
 * @param frameworkInfo the Mesos FrameworkInfo of its framework (JSON), for SUBSCRIBED
 */
public record ExecutorSpec(
    String executorId,
    CommandSpec command,
    String resources,
    long shutdownGracePeriodMillis,
    boolean checkpoint,
    JsonNode executorInfo,
    JsonNode frameworkInfo) implements java.io.Serializable {}
