package io.meseta.core.resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An immutable bag of resources with value semantics, kept combined like Mesos' {@code Resources}:
 * at most one entry per (name, role, kind), ranges coalesced, zero scalars and empty ranges or
 * sets dropped, entries sorted by name, then role ("*" first), then kind. Two bags holding the
 * same quantities are therefore equal, print the same, and hash the same.
 *
 * <p>Adding ranges or sets is a union, as in Mesos: adding ports a bag already holds does not
 * count them twice, so {@code a.plus(b).minus(b)} gives back {@code a} only when the ranges and
 * sets of {@code a} and {@code b} are disjoint (always so for resources of distinct tasks).
 */
public final class Resources implements java.io.Serializable {
  public static final Resources EMPTY = new Resources(List.of());

  /** Total order that makes the combined form canonical; "*" sorts before every named role. */
  private static final Comparator<Resource> ORDER = Resources::compareEntries;

  private final List<Resource> entries;

  private Resources(List<Resource> entries) {
    this.entries = entries;
  }

  /** Parses the Mesos text form, e.g. "cpus:4;mem(analytics):8192;ports:[31000-32000]". */
  public static Resources parse(String text) {
    return of(ResourcesText.parse(text));
  }

  public static Resources scalar(String name, double value) {
    return scalar(name, Resource.UNRESERVED, value);
  }

  public static Resources scalar(String name, String role, double value) {
    return of(List.of(Resource.Scalar.of(name, role, value)));
  }

  public static Resources ranges(String name, List<Range> ranges) {
    return of(List.of(new Resource.Ranges(name, Resource.UNRESERVED, ranges)));
  }

  /** Combines arbitrary entries (repeated keys summed, empty ones dropped) into canonical form. */
  public static Resources of(Collection<? extends Resource> entries) {
    if (entries.isEmpty()) {
      return EMPTY;
    }
    TreeMap<Resource, Resource> combined = new TreeMap<>(ORDER);
    for (Resource entry : entries) {
      combined.merge(entry, entry, Resources::add);
    }
    return fromCombined(combined);
  }

  public Resources plus(Resources other) {
    if (other.entries.isEmpty()) {
      return this;
    }
    if (entries.isEmpty()) {
      return other;
    }
    // Both bags are combined and sorted: one merge walk keeps the result so, without a TreeMap.
    List<Resource> sum = new ArrayList<>(entries.size() + other.entries.size());
    int i = 0;
    int j = 0;
    while (i < entries.size() || j < other.entries.size()) {
      int order = i == entries.size() ? 1
          : j == other.entries.size() ? -1 : ORDER.compare(entries.get(i), other.entries.get(j));
      if (order < 0) {
        sum.add(entries.get(i++));
      } else if (order > 0) {
        sum.add(other.entries.get(j++));
      } else {
        sum.add(add(entries.get(i++), other.entries.get(j++)));
      }
    }
    return new Resources(List.copyOf(sum));
  }

  /** Takes other away; fails rather than clamping, since subtracting what is not there is a bug. */
  public Resources minus(Resources other) {
    if (!contains(other)) {
      throw new IllegalArgumentException("cannot subtract '" + other.toText() + "' from '"
          + toText() + "': it is not contained (per name and role, scalars must be large enough"
          + " and ranges and sets must be subsets); subtract only resources that were added");
    }
    if (other.entries.isEmpty()) {
      return this;
    }
    // contains() held, so every entry of other has its key in this bag: a merge walk suffices.
    List<Resource> rest = new ArrayList<>(entries.size());
    int j = 0;
    for (Resource held : entries) {
      if (j < other.entries.size() && ORDER.compare(held, other.entries.get(j)) == 0) {
        Resource left = subtract(held, other.entries.get(j++));
        if (!left.isEmpty()) {
          rest.add(left);
        }
      } else {
        rest.add(held);
      }
    }
    return fromSorted(rest);
  }

  /** Per (name, role): scalars at least as large, ranges and sets supersets. */
  public boolean contains(Resources other) {
    if (other.entries.isEmpty()) {
      return true;
    }
    // Both bags are sorted by the same order: walk them together instead of indexing this one.
    int i = 0;
    for (Resource wanted : other.entries) {
      while (i < entries.size() && ORDER.compare(entries.get(i), wanted) < 0) {
        i++;
      }
      if (i == entries.size() || ORDER.compare(entries.get(i), wanted) != 0
          || !covers(entries.get(i), wanted)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The combined entries, in canonical order; unmodifiable. */
  public List<Resource> entries() {
    return entries;
  }

  /** Sum of the named scalar over all roles; exact to three decimals. */
  public double scalar(String name) {
    return scalarMillis(name) / 1000.0;
  }

  /** Sum of the named scalar over all roles, in thousandths. */
  public long scalarMillis(String name) {
    long total = 0;
    for (Resource entry : entries) {
      if (entry instanceof Resource.Scalar s && s.name().equals(name)) {
        total = ResourceRules.addMillis(name, total, s.millis());
      }
    }
    return total;
  }

  public Set<String> scalarNames() {
    SortedSet<String> names = new TreeSet<>();
    for (Resource entry : entries) {
      if (entry instanceof Resource.Scalar) {
        names.add(entry.name());
      }
    }
    return Collections.unmodifiableSortedSet(names);
  }

  public Resources unreserved() {
    return filter(entry -> entry.role().equals(Resource.UNRESERVED));
  }

  public Resources reservedTo(String role) {
    return filter(entry -> entry.role().equals(role));
  }

  /**
   * What may be offered to role: unreserved resources plus reservations for role or for any of
   * its ancestors, since Mesos lets "eng/backend" use resources reserved for "eng".
   */
  public Resources allocatableTo(String role) {
    return filter(entry -> entry.role().equals(Resource.UNRESERVED)
        || entry.role().equals(role)
        || role.startsWith(entry.role() + "/"));
  }

  public Resources scalarsOnly() {
    return filter(entry -> entry instanceof Resource.Scalar);
  }

  /** The same quantities with every role flattened to "*": what DRF shares and quotas count. */
  public Resources withoutRoles() {
    if (entries.stream().allMatch(entry -> entry.role().equals(Resource.UNRESERVED))) {
      return this; // already flat: re-combining would rebuild equal records
    }
    List<Resource> flattened = new ArrayList<>(entries.size());
    for (Resource entry : entries) {
      flattened.add(withRole(entry, Resource.UNRESERVED));
    }
    return of(flattened);
  }

  /** Like contains, but any role's resources count: "is this much there at all?". */
  public boolean containsQuantities(Resources other) {
    return NameTotals.containsQuantities(entries, other.entries);
  }

  /** The Mesos text form; {@code parse(toText())} gives back an equal value. */
  public String toText() {
    return ResourcesText.format(entries);
  }

  @Override
  public String toString() {
    return toText();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  private Resources filter(Predicate<Resource> keep) {
    List<Resource> kept = new ArrayList<>(entries.size());
    for (Resource entry : entries) {
      if (keep.test(entry)) {
        kept.add(entry);
      }
    }
    return kept.size() == entries.size() ? this : fromSorted(kept);
  }

  private static Resources fromCombined(Map<Resource, Resource> combined) {
    List<Resource> kept = new ArrayList<>(combined.size());
    for (Resource entry : combined.values()) {
      if (!entry.isEmpty()) {
        kept.add(entry);
      }
    }
    return fromSorted(kept);
  }

  private static Resources fromSorted(List<Resource> sortedNonEmpty) {
    return sortedNonEmpty.isEmpty() ? EMPTY : new Resources(List.copyOf(sortedNonEmpty));
  }

  // The helpers below are only called with two entries of one (name, role, kind) key; Java 17
  // has no pattern switch, hence the instanceof chains.

  private static Resource add(Resource a, Resource b) {
    if (a instanceof Resource.Scalar s) {
      long sum = ResourceRules.addMillis(s.name(), s.millis(), ((Resource.Scalar) b).millis());
      return new Resource.Scalar(s.name(), s.role(), sum);
    }
    if (a instanceof Resource.Ranges r) {
      return new Resource.Ranges(r.name(), r.role(),
          RangeMath.union(r.ranges(), ((Resource.Ranges) b).ranges()));
    }
    Resource.Set s = (Resource.Set) a;
    TreeSet<String> union = new TreeSet<>(s.items());
    union.addAll(((Resource.Set) b).items());
    return new Resource.Set(s.name(), s.role(), union);
  }

  private static Resource subtract(Resource held, Resource taken) {
    if (held instanceof Resource.Scalar s) {
      return new Resource.Scalar(s.name(), s.role(),
          s.millis() - ((Resource.Scalar) taken).millis());
    }
    if (held instanceof Resource.Ranges r) {
      return new Resource.Ranges(r.name(), r.role(),
          RangeMath.subtract(r.ranges(), ((Resource.Ranges) taken).ranges()));
    }
    Resource.Set s = (Resource.Set) held;
    TreeSet<String> rest = new TreeSet<>(s.items());
    rest.removeAll(((Resource.Set) taken).items());
    return new Resource.Set(s.name(), s.role(), rest);
  }

  private static boolean covers(Resource have, Resource wanted) {
    if (have instanceof Resource.Scalar s) {
      return s.millis() >= ((Resource.Scalar) wanted).millis();
    }
    if (have instanceof Resource.Ranges r) {
      return RangeMath.containsAll(r.ranges(), ((Resource.Ranges) wanted).ranges());
    }
    return ((Resource.Set) have).items().containsAll(((Resource.Set) wanted).items());
  }

  private static Resource withRole(Resource entry, String role) {
    if (entry instanceof Resource.Scalar s) {
      return new Resource.Scalar(s.name(), role, s.millis());
    }
    if (entry instanceof Resource.Ranges r) {
      return new Resource.Ranges(r.name(), role, r.ranges());
    }
    return new Resource.Set(entry.name(), role, ((Resource.Set) entry).items());
  }

  /** By name, then role, then kind; written out since plus, minus and contains call it per entry. */
  private static int compareEntries(Resource a, Resource b) {
    int byName = a.name().compareTo(b.name());
    if (byName != 0) {
      return byName;
    }
    int byRole = compareRoles(a.role(), b.role());
    return byRole != 0 ? byRole : Integer.compare(kind(a), kind(b));
  }

  private static int kind(Resource entry) {
    if (entry instanceof Resource.Scalar) {
      return 0;
    }
    return entry instanceof Resource.Ranges ? 1 : 2;
  }

  private static int compareRoles(String a, String b) {
    boolean aUnreserved = a.equals(Resource.UNRESERVED);
    boolean bUnreserved = b.equals(Resource.UNRESERVED);
    if (aUnreserved || bUnreserved) {
      return Boolean.compare(bUnreserved, aUnreserved);
    }
    return a.compareTo(b);
  }
}
