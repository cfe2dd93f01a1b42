package io.meseta.core.allocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The master-wide order in which frameworks are offered resources ({@code --allocation-policy}).
 * Each policy is one {@link Sorter}; the allocator is the same for all.
 */
public enum AllocationPolicy {
  /** Weighted DRF across roles, then DRF across the frameworks of a role (Mesos' default). */
  DRF,
  /** Higher role priority first, DRF within a priority class. */
  PRIORITY,
  /** Frameworks in subscription order. */
  FCFS;

  /** @param rolePriorities used by {@link #PRIORITY} only */
  public Sorter newSorter(Map<String, Integer> rolePriorities) {
    return switch (this) {
      case DRF -> new HierarchicalDrfSorter();
      case PRIORITY -> new PrioritySorter(rolePriorities);
      case FCFS -> new FcfsSorter();
    };
  }

  /** Parses a policy name, case-insensitively; the error lists the valid names. */
  public static AllocationPolicy parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown allocation policy '" + name + "'; use one of "
          + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", ")));
    }
  }
}
