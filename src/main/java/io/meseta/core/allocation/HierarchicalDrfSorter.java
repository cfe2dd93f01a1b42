package io.meseta.core.allocation;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * Mesos' two-level DRF: roles are ordered by their weighted dominant share (everything their
 * frameworks hold, divided by the role's weight), and the frameworks of one role by their own,
 * unweighted, dominant share. So a role's weight buys the role a larger slice, however many
 * frameworks it has; within the role, frameworks share the slice fairly.
 *
 * <p>Each level is a tree keyed by (share, times chosen, name); an allocation re-keys one
 * framework in its role and the role among roles, nothing else.
 */
public final class HierarchicalDrfSorter implements Sorter {
  private static final Comparator<Role> ROLE_ORDER = Comparator.comparingDouble((Role r) -> r.share)
      .thenComparingLong(r -> r.count)
      .thenComparing(r -> r.name);

  /** One role: its frameworks (a plain DRF sorter) and the role's own share and count. */
  private static final class Role {
    final String name;
    final DrfSorter frameworks = new DrfSorter();
    final Map<String, Long> allocatedMillis = new HashMap<>();
    double share;
    long count;
    int activeFrameworks;

    Role(String name) {
      this.name = name;
    }
  }

  private final Map<String, Role> roles = new HashMap<>();
  private final Map<FrameworkId, Role> roleOf = new HashMap<>();
  /** What each framework holds, so the role can give it back when the framework leaves. */
  private final Map<FrameworkId, Map<String, Long>> heldMillis = new HashMap<>();
  private final java.util.Set<FrameworkId> active = new java.util.HashSet<>();
  /** Roles with at least one active framework. */
  private final NavigableSet<Role> activeRoles = new TreeSet<>(ROLE_ORDER);
  private final Map<String, Double> weights = new HashMap<>();
  private Resources total = Resources.EMPTY;
  private Map<String, Long> totalMillis = Map.of();

  @Override
  public void add(FrameworkId framework, String role, Resources allocation) {
    if (roleOf.containsKey(framework)) {
      throw new IllegalStateException("framework " + framework + " is already in the sorter");
    }
    Role r = roles.computeIfAbsent(role, this::newRole);
    r.frameworks.add(framework, role, allocation);
    roleOf.put(framework, r);
    Map<String, Long> held = new HashMap<>();
    addMillis(held, allocation, 1);
    heldMillis.put(framework, held);
    rekey(r, () -> addMillis(r.allocatedMillis, allocation, 1));
  }

  @Override
  public void remove(FrameworkId framework) {
    Role r = roleOf.remove(framework);
    if (r == null) {
      return;
    }
    deactivate(r, framework);
    r.frameworks.remove(framework);
    // What the framework still holds leaves the role with it.
    Map<String, Long> held = heldMillis.remove(framework);
    rekey(r, () -> held.forEach((name, millis) ->
        r.allocatedMillis.merge(name, -millis, (a, b) -> a + b == 0 ? null : a + b)));
  }

  @Override
  public boolean contains(FrameworkId framework) {
    return roleOf.containsKey(framework);
  }

  @Override
  public void activate(FrameworkId framework) {
    Role r = roleOf(framework);
    if (active.add(framework)) {
      activeRoles.remove(r);
      r.frameworks.activate(framework);
      r.activeFrameworks++;
      activeRoles.add(r);
    }
  }

  @Override
  public void deactivate(FrameworkId framework) {
    deactivate(roleOf(framework), framework);
  }

  @Override
  public void allocated(FrameworkId framework, Resources resources) {
    Role r = roleOf(framework);
    r.frameworks.allocated(framework, resources);
    addMillis(heldMillis.get(framework), resources, 1);
    rekey(r, () -> {
      addMillis(r.allocatedMillis, resources, 1);
      r.count++;
    });
  }

  @Override
  public void unallocated(FrameworkId framework, Resources resources) {
    Role r = roleOf(framework);
    r.frameworks.unallocated(framework, resources);
    addMillis(heldMillis.get(framework), resources, -1);
    rekey(r, () -> addMillis(r.allocatedMillis, resources, -1));
  }

  @Override
  public void setWeight(String role, double weight) {
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "weight of role '" + role + "' must be a positive number, was " + weight);
    }
    weights.put(role, weight);
    Role r = roles.get(role);
    if (r != null) {
      rekey(r, () -> { });
    }
  }

  @Override
  public void setTotal(Resources clusterTotal) {
    total = clusterTotal;
    Map<String, Long> millis = new HashMap<>();
    addMillis(millis, clusterTotal, 1);
    totalMillis = millis;
    activeRoles.clear();
    for (Role r : roles.values()) {
      r.frameworks.setTotal(clusterTotal);
      r.share = share(r);
      if (r.activeFrameworks > 0) {
        activeRoles.add(r);
      }
    }
  }

  /** The framework's share within its role (unweighted), as Mesos' framework sorter has it. */
  @Override
  public double share(FrameworkId framework) {
    Role r = roleOf.get(framework);
    return r == null ? 0.0 : r.frameworks.share(framework);
  }

  /** The role's weighted dominant share; 0 for a role with no frameworks. */
  public double roleShare(String role) {
    Role r = roles.get(role);
    return r == null ? 0.0 : r.share;
  }

  @Override
  public Iterable<FrameworkId> sorted() {
    return () -> new Iterator<>() {
      private final Iterator<Role> roleIterator = activeRoles.iterator();
      private Iterator<FrameworkId> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && roleIterator.hasNext()) {
          current = roleIterator.next().frameworks.sorted().iterator();
        }
        return current.hasNext();
      }

      @Override
      public FrameworkId next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private Role newRole(String name) {
    Role r = new Role(name);
    r.frameworks.setTotal(total);
    return r;
  }

  private void deactivate(Role r, FrameworkId framework) {
    if (active.remove(framework)) {
      activeRoles.remove(r);
      r.frameworks.deactivate(framework);
      r.activeFrameworks--;
      if (r.activeFrameworks > 0) {
        activeRoles.add(r);
      }
    }
  }

  /** Applies a change with the role out of the tree, so the tree never holds a stale key. */
  private void rekey(Role r, Runnable change) {
    boolean wasActive = activeRoles.remove(r);
    change.run();
    r.share = share(r);
    if (wasActive) {
      activeRoles.add(r);
    }
  }

  private double share(Role r) {
    return ScalarMillis.dominantShare(r.allocatedMillis, totalMillis,
        weights.getOrDefault(r.name, 1.0));
  }

  private Role roleOf(FrameworkId framework) {
    Role r = roleOf.get(framework);
    if (r == null) {
      throw new IllegalArgumentException("framework " + framework + " is not in the sorter");
    }
    return r;
  }

  private static void addMillis(Map<String, Long> into, Resources resources, int sign) {
    ScalarMillis.add(into, resources, sign);
  }
}
