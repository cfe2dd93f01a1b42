package io.meseta.core.resources;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one resource name adds up to over all roles: the scalar total, the union of ranges, the union
 * of set items. {@link Resources#containsQuantities} compares these per name straight from two
 * combined bags, instead of building role-flattened copies (new records, re-validated names) on
 * every call; it is on the hot path of placement's feasibility check and of min_allocatable.
 */
final class NameTotals {
  private long millis;
  private List<Range> ranges;
  private SortedSet<String> items;

  /**
   * Totals of the name of {@code entries.get(from)}, from there up to {@code to} (exclusive): the
   * entries of one name are adjacent, since a combined bag is sorted by name first.
   */
  static NameTotals of(List<Resource> entries, int from, int to) {
    NameTotals totals = new NameTotals();
    for (int i = from; i < to; i++) {
      totals.add(entries.get(i));
    }
    return totals;
  }

  /** The index just past the run of entries that share the name of {@code entries.get(from)}. */
  static int endOfName(List<Resource> entries, int from) {
    String name = entries.get(from).name();
    int end = from + 1;
    while (end < entries.size() && entries.get(end).name().equals(name)) {
      end++;
    }
    return end;
  }

  /** Per name, over all roles: scalars at least as large, ranges and sets supersets. */
  static boolean containsQuantities(List<Resource> have, List<Resource> want) {
    int h = 0;
    int w = 0;
    while (w < want.size()) {
      String name = want.get(w).name();
      int wantEnd = endOfName(want, w);
      while (h < have.size() && have.get(h).name().compareTo(name) < 0) {
        h++;
      }
      if (h == have.size() || !have.get(h).name().equals(name)) {
        return false; // want holds only non-empty entries, so a missing name is a shortfall
      }
      int haveEnd = endOfName(have, h);
      boolean covered = haveEnd - h == 1 && wantEnd - w == 1
          ? coversOne(have.get(h), want.get(w)) // the usual case: one role, one kind per name
          : of(have, h, haveEnd).covers(of(want, w, wantEnd));
      if (!covered) {
        return false;
      }
      h = haveEnd;
      w = wantEnd;
    }
    return true;
  }

  private static boolean coversOne(Resource held, Resource wanted) {
    if (held instanceof Resource.Scalar s) {
      return wanted instanceof Resource.Scalar w && s.millis() >= w.millis();
    }
    if (held instanceof Resource.Ranges r) {
      return wanted instanceof Resource.Ranges w && RangeMath.containsAll(r.ranges(), w.ranges());
    }
    return wanted instanceof Resource.Set w && ((Resource.Set) held).items().containsAll(w.items());
  }

  private void add(Resource entry) {
    if (entry instanceof Resource.Scalar s) {
      millis = ResourceRules.addMillis(s.name(), millis, s.millis());
    } else if (entry instanceof Resource.Ranges r) {
      ranges = ranges == null ? r.ranges() : RangeMath.union(ranges, r.ranges());
    } else {
      SortedSet<String> more = ((Resource.Set) entry).items();
      if (items == null) {
        items = more;
      } else {
        TreeSet<String> union = new TreeSet<>(items);
        union.addAll(more);
        items = union;
      }
    }
  }

  private boolean covers(NameTotals wanted) {
    if (millis < wanted.millis) {
      return false;
    }
    if (wanted.ranges != null
        && (ranges == null || !RangeMath.containsAll(ranges, wanted.ranges))) {
      return false;
    }
    return wanted.items == null || (items != null && items.containsAll(wanted.items));
  }
}
