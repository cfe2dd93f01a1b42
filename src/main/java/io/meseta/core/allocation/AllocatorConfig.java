package io.meseta.core.allocation;

import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Allocator tuning, with the Mesos master's defaults.
 *
 * @param allocationInterval how often the caller runs {@link Allocator#allocate}; also the shortest life of
 *     a refusal filter (MESOS-4302: a shorter filter would expire before the next run could honour it)
 * @param defaultRefuse refusal used when a decline or recover asks for a negative (unset) duration
 * @param minAllocatable an offer is made only if it contains, by quantity, at least one of these; empty
 *     means any non-empty offer is allocatable
 */
public record AllocatorConfig(Duration allocationInterval, Duration defaultRefuse, List<Resources> minAllocatable) {

  public AllocatorConfig {
    Objects.requireNonNull(allocationInterval, "allocationInterval");
    Objects.requireNonNull(defaultRefuse, "defaultRefuse");
    if (allocationInterval.isNegative() || allocationInterval.isZero()) {
      throw new IllegalArgumentException("allocationInterval must be positive, was " + allocationInterval);
    }
    if (defaultRefuse.isNegative()) {
      throw new IllegalArgumentException("defaultRefuse must not be negative, was " + defaultRefuse);
    }
    minAllocatable = List.copyOf(minAllocatable);
  }

  /** Mesos defaults: {@code --allocation_interval=1secs}, 5 s refusal, {@code --min_allocatable_resources=cpus:0.01|mem:32}. */
  public static AllocatorConfig defaults() {
    return new AllocatorConfig(
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        List.of(Resources.parse("cpus:0.01"), Resources.parse("mem:32")));
  }

  /** Whether {@code candidate} is worth offering: non-empty and at least one minimum is met. */
  boolean allocatable(Resources candidate) {
    if (candidate.isEmpty()) {
      return false;
    }
    if (minAllocatable.isEmpty()) {
      return true;
    }
    for (Resources minimum : minAllocatable) {
      if (candidate.containsQuantities(minimum)) {
        return true;
      }
    }
    return false;
  }
}
