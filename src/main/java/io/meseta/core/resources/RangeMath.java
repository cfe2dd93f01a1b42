package io.meseta.core.resources;

import java.util.ArrayList;
import java.util.List;

/** Set algebra over lists of ranges kept sorted and coalesced (no overlaps, no adjacency). */
final class RangeMath {
  private RangeMath() {}

  /** Sorts and merges overlapping or adjacent ranges: [1-5] and [6-10] become [1-10]. */
  static List<Range> coalesce(List<Range> ranges) {
    if (ranges.isEmpty()) {
      return List.of();
    }
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort(null);
    List<Range> merged = new ArrayList<>(sorted.size());
    Range current = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Range next = sorted.get(i);
      // next.begin - 1 cannot overflow (begin >= 0); current.end + 1 could, at Long.MAX_VALUE.
      if (next.begin() - 1 <= current.end()) {
        current = new Range(current.begin(), Math.max(current.end(), next.end()));
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    return List.copyOf(merged);
  }

  static List<Range> union(List<Range> a, List<Range> b) {
    List<Range> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return coalesce(all);
  }

  /** Both inputs coalesced: every range of inner lies inside a single range of outer. */
  static boolean containsAll(List<Range> outer, List<Range> inner) {
    int o = 0;
    for (Range r : inner) {
      while (o < outer.size() && outer.get(o).end() < r.begin()) {
        o++;
      }
      if (o == outer.size()) {
        return false;
      }
      Range candidate = outer.get(o);
      if (candidate.begin() > r.begin() || candidate.end() < r.end()) {
        return false;
      }
    }
    return true;
  }

  /** Both inputs coalesced: the values of a that are not in b. */
  static List<Range> subtract(List<Range> a, List<Range> b) {
    List<Range> result = new ArrayList<>();
    int j = 0;
    for (Range r : a) {
      while (j < b.size() && b.get(j).end() < r.begin()) {
        j++;
      }
      long begin = r.begin();
      boolean remaining = true;
      for (int k = j; k < b.size() && b.get(k).begin() <= r.end(); k++) {
        Range cut = b.get(k);
        if (cut.begin() > begin) {
          result.add(new Range(begin, cut.begin() - 1));
        }
        if (cut.end() >= r.end()) {
          remaining = false;
          break;
        }
        begin = Math.max(begin, cut.end() + 1); // cut.end() < r.end(), so + 1 cannot overflow
      }
      if (remaining) {
        result.add(new Range(begin, r.end()));
      }
    }
    return List.copyOf(result);
  }
}
