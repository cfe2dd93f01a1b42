package io.meseta.core.placement;

/**
 * Why an agent cannot take a task. {@code reason} is a stable constant to aggregate on;
 * {@code detail} says it for people (e.g. "cpus: needs 4, 1.5 free of 8").
 */
public record Rejection(Reason reason, String detail) {
  public enum Reason {
    /** A hard constraint on an attribute does not hold. */
    CONSTRAINT_NOT_MET,
    /** Not enough of a resource is free now, though the agent is big enough in total. */
    INSUFFICIENT_FREE,
    /** The agent could never hold the task, even empty: waiting will not help. */
    AGENT_TOO_SMALL
  }
}
