package io.meseta.core.preemption;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;
import io.meseta.core.resources.Resources;
import java.time.Instant;

/** A task that could be preempted: where it runs, what it holds, how much it is worth. */
public record RunningTask(
    TaskId id,
    FrameworkId frameworkId,
    AgentId agentId,
    String role,
    int priority,
    Resources resources,
    Instant startedAt) implements java.io.Serializable {}
