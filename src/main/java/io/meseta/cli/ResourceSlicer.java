package io.meseta.cli;

import io.meseta.core.resources.Range;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one machine's resources into N equal agents for {@code meseta dev}: scalars divided
 * (three decimals, like every scalar), each range list cut into N contiguous pieces.
 */
final class ResourceSlicer {
  private ResourceSlicer() {}

  static List<Resources> slice(Resources machine, int parts) {
    if (parts < 1) {
      throw new IllegalArgumentException("--agents must be at least 1, got " + parts);
    }
    List<Resources> slices = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      Resources slice = Resources.EMPTY;
      for (Resource r : machine.entries()) {
        if (r instanceof Resource.Scalar s) {
          double share = Math.floor(s.millis() / (double) parts) / 1000.0;
          slice = slice.plus(Resources.scalar(s.name(), s.role(), share));
        } else if (r instanceof Resource.Ranges ranges && r.role().equals("*")) {
          slice = slice.plus(Resources.ranges(r.name(), piece(ranges.ranges(), i, parts)));
        }
      }
      slices.add(slice);
    }
    return slices;
  }

  /** The i-th of n contiguous pieces of the values covered by ranges. */
  private static List<Range> piece(List<Range> ranges, int i, int n) {
    long total = ranges.stream().mapToLong(r -> r.end() - r.begin() + 1).sum();
    long from = total * i / n;
    long to = total * (i + 1) / n; // exclusive
    List<Range> result = new ArrayList<>();
    long offset = 0;
    for (Range r : ranges) {
      long size = r.end() - r.begin() + 1;
      long start = Math.max(from, offset);
      long end = Math.min(to, offset + size);
      if (start < end) {
        result.add(new Range(r.begin() + (start - offset), r.begin() + (end - offset) - 1));
      }
      offset += size;
    }
    return result;
  }
}
