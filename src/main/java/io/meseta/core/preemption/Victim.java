package io.meseta.core.preemption;

/** A task chosen for preemption, with the sentence an operator reads to see why. */
public record Victim(RunningTask task, String why) implements java.io.Serializable {}
