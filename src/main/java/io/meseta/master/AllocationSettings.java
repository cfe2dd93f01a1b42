package io.meseta.master;

import io.meseta.core.allocation.AllocationPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * How the master allocates.
 *
 * @param interval at least one allocation run this often (Mesos --allocation_interval)
 * @param policy the order in which frameworks are offered resources
 * @param rolePriorities priority per role, for the priority policy (unnamed roles: 0)
 * @param offerTimeout outstanding offers are rescinded after this; zero = never (Mesos default)
 */
public record AllocationSettings(Duration interval, AllocationPolicy policy,
    Map<String, Integer> rolePriorities, Duration offerTimeout) {
  public AllocationSettings {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("allocation interval must be positive, got " + interval);
    }
    policy = policy == null ? AllocationPolicy.DRF : policy;
    rolePriorities = rolePriorities == null ? Map.of() : Map.copyOf(rolePriorities);
    offerTimeout = offerTimeout == null ? Duration.ZERO : offerTimeout;
    if (offerTimeout.isNegative()) {
      throw new IllegalArgumentException("offer timeout must be 0 (off) or positive, got "
          + offerTimeout);
    }
  }

  public static AllocationSettings defaults() {
    return new AllocationSettings(Duration.ofSeconds(1), AllocationPolicy.DRF, Map.of(),
        Duration.ZERO);
  }

  public AllocationSettings withInterval(Duration newInterval) {
    return new AllocationSettings(newInterval, policy, rolePriorities, offerTimeout);
  }

  public AllocationSettings withPolicy(AllocationPolicy newPolicy, Map<String, Integer> priorities) {
    return new AllocationSettings(interval, newPolicy, priorities, offerTimeout);
  }

  public AllocationSettings withOfferTimeout(Duration timeout) {
    return new AllocationSettings(interval, policy, rolePriorities, timeout);
  }
}
