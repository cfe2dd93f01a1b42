package io.meseta.core.model;

/**
 * Mesos task states with their protobuf numbers (protobuf clients rely on them).
 * TASK_LOST is terminal for resource accounting even though a partitioned task may come back.
 */
public enum TaskState {
  TASK_STARTING(0, false),
  TASK_RUNNING(1, false),
  TASK_FINISHED(2, true),
  TASK_FAILED(3, true),
  TASK_KILLED(4, true),
  TASK_LOST(5, true),
  TASK_STAGING(6, false),
  TASK_ERROR(7, true),
  TASK_KILLING(8, false),
  TASK_DROPPED(9, true),
  TASK_UNREACHABLE(10, false),
  TASK_GONE(11, true),
  TASK_GONE_BY_OPERATOR(12, true),
  TASK_UNKNOWN(13, false);

  private final int number;
  private final boolean terminal;

  TaskState(int number, boolean terminal) {
    this.number = number;
    this.terminal = terminal;
  }

  public int number() {
    return number;
  }

  public boolean isTerminal() {
    return terminal;
  }
}
