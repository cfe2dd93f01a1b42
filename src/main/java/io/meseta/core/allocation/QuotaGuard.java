package io.meseta.core.allocation;

import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quota accounting for one allocation run (Mesos' two stages). Stage one serves only roles below
 * their guarantee, and only up to it. Stage two is fair share, but an offer's unreserved scalars
 * are cut so that what stays free in the cluster still covers every other role's unsatisfied
 * guarantee (the held-back headroom), and no role passes its limit. Charged as offers are made,
 * so later agents in the same run see the new consumption.
 */
final class QuotaGuard {
  private final Map<String, Quota> quotas;
  /** Scalar millis each role holds (offered or in use), by resource name. */
  private final Map<String, Map<String, Long>> consumed;
  /** Unreserved free scalar millis in the whole cluster. */
  private final Map<String, Long> clusterFree;

  QuotaGuard(Map<String, Quota> quotas, Map<String, Resources> consumedByRole,
      Resources clusterFreeUnreserved) {
    this.quotas = quotas;
    this.consumed = new HashMap<>();
    consumedByRole.forEach((role, r) -> consumed.put(role, millis(r)));
    this.clusterFree = millis(clusterFreeUnreserved);
  }

  boolean belowGuarantee(String role) {
    Quota q = quotas.get(role);
    return q != null && q.guarantee().scalarNames().stream()
        .anyMatch(name -> unsatisfied(role, name) > 0);
  }

  /** Stage one: only the guarantee's missing part (and whatever isn't a scalar). */
  Resources capToGuarantee(String role, Resources slice) {
    Quota q = quotas.get(role);
    Map<String, Long> caps = new HashMap<>();
    for (String name : slice.scalarNames()) {
      caps.put(name, q.guarantee().scalarNames().contains(name)
          ? Math.min(unsatisfied(role, name), roomUnderLimit(role, name)) : 0L);
    }
    return cap(slice, caps, false);
  }

  /** Stage two: within the limit, and leaving the other roles' guarantees free. */
  Resources capForFairShare(String role, Resources slice) {
    Map<String, Long> limitCaps = new HashMap<>();
    Map<String, Long> headroomCaps = new HashMap<>();
    for (String name : slice.scalarNames()) {
      limitCaps.put(name, roomUnderLimit(role, name));
      long othersNeed = requiredHeadroom(name) - unsatisfied(role, name);
      headroomCaps.put(name, Math.max(0, clusterFree.getOrDefault(name, 0L) - othersNeed));
    }
    return cap(cap(slice, limitCaps, false), headroomCaps, true);
  }

  void charge(String role, Resources offered) {
    Map<String, Long> c = consumed.computeIfAbsent(role, r -> new HashMap<>());
    millis(offered).forEach((name, m) -> c.merge(name, m, Long::sum));
    millis(offered.unreserved()).forEach((name, m) -> clusterFree.merge(name, -m, Long::sum));
  }

  private long unsatisfied(String role, String name) {
    Quota q = quotas.get(role);
    if (q == null || !q.guarantee().scalarNames().contains(name)) {
      return 0;
    }
    return Math.max(0, q.guarantee().scalarMillis(name) - consumedMillis(role, name));
  }

  private long roomUnderLimit(String role, String name) {
    Quota q = quotas.get(role);
    if (q == null || !q.limit().scalarNames().contains(name)) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, q.limit().scalarMillis(name) - consumedMillis(role, name));
  }

  private long requiredHeadroom(String name) {
    long sum = 0;
    for (String role : quotas.keySet()) {
      sum += unsatisfied(role, name);
    }
    return sum;
  }

  private long consumedMillis(String role, String name) {
    return consumed.getOrDefault(role, Map.of()).getOrDefault(name, 0L);
  }

  /** Lowers each capped scalar to its cap (dropping it at 0); other entries pass unchanged. */
  private static Resources cap(Resources slice, Map<String, Long> caps, boolean unreservedOnly) {
    List<Resource> kept = new ArrayList<>();
    Map<String, Long> left = new HashMap<>(caps);
    for (Resource r : slice.entries()) {
      if (r instanceof Resource.Scalar s && left.containsKey(s.name())
          && (!unreservedOnly || s.role().equals("*"))) {
        long take = Math.min(s.millis(), left.get(s.name()));
        left.put(s.name(), left.get(s.name()) - take);
        if (take > 0) {
          kept.add(new Resource.Scalar(s.name(), s.role(), take));
        }
      } else {
        kept.add(r);
      }
    }
    return Resources.of(kept);
  }

  private static Map<String, Long> millis(Resources resources) {
    Map<String, Long> m = new HashMap<>();
    for (String name : resources.scalarNames()) {
      m.put(name, resources.scalarMillis(name));
    }
    return m;
  }
}
