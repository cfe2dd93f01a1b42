package io.meseta.core.allocation;

import io.meseta.core.resources.Resources;
import java.util.Map;

/**
 * Scalar quantities as fixed-point thousandths by resource name, the form the sorters keep
 * allocations in, so adding and removing the same resources restores exactly the same share.
 */
final class ScalarMillis {
  private ScalarMillis() {}

  /** Adds ({@code sign} 1) or removes ({@code sign} -1) the scalars; zero entries vanish. */
  static void add(Map<String, Long> into, Resources resources, int sign) {
    for (String name : resources.scalarNames()) {
      long delta = sign * resources.scalarMillis(name);
      into.merge(name, delta, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  /**
   * The weighted dominant share: the largest fraction held of any resource the cluster has,
   * divided by the weight. Resources the cluster has none of are skipped.
   */
  static double dominantShare(Map<String, Long> held, Map<String, Long> total, double weight) {
    double dominant = 0.0;
    for (Map.Entry<String, Long> entry : held.entrySet()) {
      long t = total.getOrDefault(entry.getKey(), 0L);
      if (t > 0) {
        dominant = Math.max(dominant, (double) entry.getValue() / t);
      }
    }
    return dominant / weight;
  }
}
