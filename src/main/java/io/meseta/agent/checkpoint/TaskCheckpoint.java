package io.meseta.agent.checkpoint;

import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.TaskSpec;

/**
 * {@code meta/frameworks/<fw>/tasks/<task>/task.json}: a command task the agent runs itself.
 *
 * @param spec the task as the master sent it
 * @param process its main process; null while it is being started
 * @param sandbox its sandbox directory
 * @param state the latest state reported for it; null before the first
 * @param terminal whether it has ended (its terminal update may still await acknowledgement)
 */
public record TaskCheckpoint(
    TaskSpec spec, ProcessIdentity process, String sandbox, TaskState state, boolean terminal) {}
