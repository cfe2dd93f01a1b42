package io.meseta.core.preemption;

import io.meseta.core.placement.TaskShape;

/** A pending task that wants room: its role, priority and shape. */
public record Demand(String role, int priority, TaskShape shape) implements java.io.Serializable {}
