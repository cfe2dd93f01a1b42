package io.meseta.core.placement;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Why an agent cannot take a task. {@code reason} is a stable constant to aggregate on;
 * {@code detail} says it for people (e.g. "cpus: needs 4, 1.5 free of 8").
 *
 * <p>The detail may be computed on first use ({@link #lazy}): {@link Placer#place} rejects most
 * agents of a large cluster for most tasks and only counts the reasons, so formatting every
 * detail up front would cost more than the check itself. Equality is by reason and detail, as for
 * a record.
 */
public final class Rejection {
  public enum Reason {
    /** A hard constraint on an attribute does not hold. */
    CONSTRAINT_NOT_MET,
    /** Not enough of a resource is free now, though the agent is big enough in total. */
    INSUFFICIENT_FREE,
    /** The agent could never hold the task, even empty: waiting will not help. */
    AGENT_TOO_SMALL
  }

  private final Reason reason;
  private Supplier<String> describe;
  // Racy single-check caching is safe here: the supplier is pure and String is immutable.
  private String detail;

  public Rejection(Reason reason, String detail) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  private Rejection(Reason reason, Supplier<String> describe) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.describe = Objects.requireNonNull(describe, "describe");
  }

  /** A rejection whose detail is built only when someone reads it; describe must be pure. */
  public static Rejection lazy(Reason reason, Supplier<String> describe) {
    return new Rejection(reason, describe);
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    String known = detail;
    if (known == null) {
      known = describe.get();
      detail = known;
    }
    return known;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rejection other && reason == other.reason && detail().equals(other.detail());
  }

  @Override
  public int hashCode() {
    return 31 * reason.hashCode() + detail().hashCode();
  }

  @Override
  public String toString() {
    return "Rejection[reason=" + reason + ", detail=" + detail() + "]";
  }
}
