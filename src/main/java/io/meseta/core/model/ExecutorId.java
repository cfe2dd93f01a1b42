package io.meseta.core.model;

import java.util.Objects;

/** An executor on an agent, chosen by its framework. */
public record ExecutorId(String value) implements Comparable<ExecutorId>, java.io.Serializable {
  public ExecutorId {
    Objects.requireNonNull(value, "ExecutorId value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("ExecutorId must not be blank");
    }
  }

  public static ExecutorId of(String value) {
    return new ExecutorId(value);
  }

  @Override
  public int compareTo(ExecutorId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
