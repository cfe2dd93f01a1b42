package io.meseta.core.resources;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One named quantity owned by one role ("*" = unreserved): a fixed-point scalar, a list of
 * ranges, or a set of items. Each record validates its name and role and keeps its value in
 * canonical form (ranges coalesced, set items sorted), so two equal quantities are equal records.
 * A zero scalar or an empty range list or set is a valid record; {@link Resources} drops it.
 */
public sealed interface Resource extends java.io.Serializable
    permits Resource.Scalar, Resource.Ranges, Resource.Set {
  /** The role of resources that are not reserved for anyone. */
  String UNRESERVED = ResourceRules.UNRESERVED;

  String name();

  String role();

  /** True when this entry holds nothing: a zero scalar, no ranges or no items. */
  boolean isEmpty();

  /** A scalar in thousandths, so that 0.1 + 0.2 is exactly 0.3 (like Mesos' fixed point). */
  record Scalar(String name, String role, long millis) implements Resource {
    public Scalar {
      ResourceRules.requireValid(name, role);
      if (millis < 0) {
        throw new IllegalArgumentException("invalid resource '" + name + "': "
            + ResourceRules.NEGATIVE_SCALAR + ", got " + millis + " thousandths");
      }
    }

    /** Rounds value to three decimals, half-up; rejects negative, NaN and infinite values. */
    public static Scalar of(String name, String role, double value) {
      ResourceRules.requireValid(name, role);
      long millis;
      try {
        millis = ResourceRules.toMillis(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid resource '" + name + "': " + e.getMessage(), e);
      }
      return new Scalar(name, role, millis);
    }

    public double value() {
      return millis / 1000.0;
    }

    @Override
    public boolean isEmpty() {
      return millis == 0;
    }
  }

  /** Ranges such as ports, stored sorted with overlapping and adjacent ranges merged. */
  record Ranges(String name, String role, List<Range> ranges) implements Resource {
    public Ranges {
      ResourceRules.requireValid(name, role);
      Objects.requireNonNull(ranges, "ranges");
      ranges = RangeMath.coalesce(ranges);
    }

    @Override
    public boolean isEmpty() {
      return ranges.isEmpty();
    }
  }

  /** A set of items such as device names, stored in natural (sorted) order. */
  record Set(String name, String role, SortedSet<String> items) implements Resource {
    public Set {
      ResourceRules.requireValid(name, role);
      Objects.requireNonNull(items, "items");
      // addAll rather than new TreeSet<>(items): the copy constructor would keep a caller's
      // comparator, and two sets ordered differently would then print differently.
      TreeSet<String> copy = new TreeSet<>();
      for (String item : items) {
        String problem = ResourceRules.itemProblem(item);
        if (problem != null) {
          throw new IllegalArgumentException("invalid resource '" + name + "': " + problem);
        }
        copy.add(item);
      }
      items = Collections.unmodifiableSortedSet(copy);
    }

    @Override
    public boolean isEmpty() {
      return items.isEmpty();
    }
  }
}
