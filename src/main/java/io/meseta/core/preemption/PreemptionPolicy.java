package io.meseta.core.preemption;

import java.util.Set;

/**
 * What may be preempted: only tasks at least {@code minPriorityGap} below the demand, and never
 * a task of a role in {@code protectedRoles}. {@code enabled} false plans nothing.
 */
public record PreemptionPolicy(boolean enabled, int minPriorityGap, Set<String> protectedRoles) {
  public PreemptionPolicy {
    if (minPriorityGap < 1) {
      throw new IllegalArgumentException(
          "the minimum priority gap must be at least 1, got " + minPriorityGap);
    }
    protectedRoles = Set.copyOf(protectedRoles);
  }

  public static PreemptionPolicy disabled() {
    return new PreemptionPolicy(false, 1, Set.of());
  }

  boolean mayPreempt(RunningTask victim, Demand demand) {
    return enabled
        && !protectedRoles.contains(victim.role())
        && demand.priority() - victim.priority() >= minPriorityGap;
  }
}
