package io.meseta.master;

import io.meseta.core.allocation.AllocationPolicy;
import io.meseta.core.preemption.PreemptionPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * How the master allocates.
 *
 * @param interval at least one allocation run this often (Mesos --allocation_interval)
 * @param policy the order in which frameworks are offered resources
 * @param rolePriorities priority per role, for the priority policy (unnamed roles: 0)
 * @param offerTimeout outstanding offers are rescinded after this; zero = never (Mesos default)
 * @param preemption whether and what may be preempted for higher-priority demand
 * @param preemptionGrace how long a victim's framework is warned before its task is killed
 */
public record AllocationSettings(Duration interval, AllocationPolicy policy,
    Map<String, Integer> rolePriorities, Duration offerTimeout, PreemptionPolicy preemption,
    Duration preemptionGrace) {
  public AllocationSettings {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("allocation interval must be positive, got " + interval);
    }
    policy = policy == null ? AllocationPolicy.DRF : policy;
    rolePriorities = rolePriorities == null ? Map.of() : Map.copyOf(rolePriorities);
    offerTimeout = offerTimeout == null ? Duration.ZERO : offerTimeout;
    preemption = preemption == null ? PreemptionPolicy.disabled() : preemption;
    preemptionGrace = preemptionGrace == null ? Duration.ofSeconds(5) : preemptionGrace;
    if (preemptionGrace.isNegative()) {
      throw new IllegalArgumentException("preemption grace must not be negative, got "
          + preemptionGrace);
    }
    if (offerTimeout.isNegative()) {
      throw new IllegalArgumentException("offer timeout must be 0 (off) or positive, got "
          + offerTimeout);
    }
  }

  public static AllocationSettings defaults() {
    return new AllocationSettings(Duration.ofSeconds(1), AllocationPolicy.DRF, Map.of(),
        Duration.ZERO, PreemptionPolicy.disabled(), Duration.ofSeconds(5));
  }

  public AllocationSettings withInterval(Duration newInterval) {
    return new AllocationSettings(newInterval, policy, rolePriorities, offerTimeout, preemption,
        preemptionGrace);
  }

  public AllocationSettings withPolicy(AllocationPolicy newPolicy, Map<String, Integer> priorities) {
    return new AllocationSettings(interval, newPolicy, priorities, offerTimeout, preemption,
        preemptionGrace);
  }

  public AllocationSettings withOfferTimeout(Duration timeout) {
    return new AllocationSettings(interval, policy, rolePriorities, timeout, preemption,
        preemptionGrace);
  }

  public AllocationSettings withPreemption(PreemptionPolicy newPolicy, Duration grace) {
    return new AllocationSettings(interval, policy, rolePriorities, offerTimeout, newPolicy,
        grace);
  }
}
