package io.meseta.core.model;

import java.util.Objects;

/** A framework, chosen by the master or, on failover, by the framework itself. */
public record FrameworkId(String value) implements Comparable<FrameworkId>, java.io.Serializable {
  public FrameworkId {
    Objects.requireNonNull(value, "FrameworkId value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("FrameworkId must not be blank");
    }
  }

  public static FrameworkId of(String value) {
    return new FrameworkId(value);
  }

  @Override
  public int compareTo(FrameworkId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
