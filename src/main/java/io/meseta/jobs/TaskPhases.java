package io.meseta.jobs;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Folds Mesos task states into the few phases a job cares about. */
final class TaskPhases {
  private TaskPhases() {}

  /** Null for states that change nothing for a job (e.g. TASK_KILLING). */
  static Job.TaskPhase of(TaskState state) {
    return switch (state) {
      case TASK_STAGING, TASK_STARTING -> Job.TaskPhase.STAGING;
      case TASK_RUNNING -> Job.TaskPhase.RUNNING;
      case TASK_FINISHED -> Job.TaskPhase.FINISHED;
      case TASK_FAILED, TASK_ERROR -> Job.TaskPhase.FAILED;
      case TASK_KILLED -> Job.TaskPhase.KILLED;
      case TASK_LOST, TASK_DROPPED, TASK_UNREACHABLE, TASK_GONE, TASK_GONE_BY_OPERATOR,
          TASK_UNKNOWN -> Job.TaskPhase.LOST;
      default -> null;
    };
  }

  /** What the update says for people: its message and reason, e.g. "exit status 3". */
  static String detail(TaskStatus status) {
    StringBuilder b = new StringBuilder(status.getState().name());
    if (status.hasMessage() && !status.getMessage().isBlank()) {
      b.append(": ").append(status.getMessage());
    }
    if (status.hasReason()) {
      b.append(" (").append(status.getReason()).append(')');
    }
    return b.toString();
  }
}
