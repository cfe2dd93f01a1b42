package io.meseta.core.model;

import java.util.Objects;

/** A task, chosen by its framework; unique among the framework's active tasks. */
public record TaskId(String value) implements Comparable<TaskId>, java.io.Serializable {
  public TaskId {
    Objects.requireNonNull(value, "TaskId value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("TaskId must not be blank");
    }
  }

  public static TaskId of(String value) {
    return new TaskId(value);
  }

  @Override
  public int compareTo(TaskId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
