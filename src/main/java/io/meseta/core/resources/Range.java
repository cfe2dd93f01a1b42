package io.meseta.core.resources;

/**
 * An inclusive range of non-negative integers, such as the ports 31000-32000.
 *
 * <p>Bounds are non-negative so that the Mesos wire type (uint64) and our {@code long} agree on
 * every value we accept.
 */
public record Range(long begin, long end) implements Comparable<Range>, java.io.Serializable {
  public Range {
    if (begin < 0 || end < 0) {
      throw new IllegalArgumentException(
          "invalid range " + begin + "-" + end + ": bounds must be non-negative");
    }
    if (begin > end) {
      throw new IllegalArgumentException(
          "invalid range " + begin + "-" + end + ": begin must not exceed end; write it as "
              + end + "-" + begin);
    }
  }

  /** How many values the range holds, saturating at Long.MAX_VALUE for [0-Long.MAX_VALUE]. */
  public long size() {
    long span = end - begin + 1;
    return span <= 0 ? Long.MAX_VALUE : span;
  }

  @Override
  public int compareTo(Range other) {
    int byBegin = Long.compare(begin, other.begin);
    return byBegin != 0 ? byBegin : Long.compare(end, other.end);
  }

  @Override
  public String toString() {
    return begin + "-" + end;
  }
}
