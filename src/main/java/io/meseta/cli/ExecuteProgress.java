package io.meseta.cli;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * The one-line progress of {@code meseta execute --instances N} on a terminal: a bar of finished
 * tasks and the count of tasks in each state, redrawn in place on every update.
 */
final class ExecuteProgress {
  private static final int WIDTH = 30;

  private final int instances;
  private final Map<String, TaskState> latest = new HashMap<>();

  ExecuteProgress(int instances) {
    this.instances = instances;
  }

  /** Records a task's state and returns the redrawn line (carriage return first). */
  String update(String taskId, TaskState state) {
    latest.put(taskId, state);
    Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
    latest.values().forEach(s -> counts.merge(s, 1, Integer::sum));
    int finished = counts.getOrDefault(TaskState.TASK_FINISHED, 0);
    int filled = instances == 0 ? 0 : finished * WIDTH / instances;
    StringBuilder line = new StringBuilder("\r[")
        .append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
        .append(finished).append('/').append(instances).append(" finished");
    int waiting = instances - latest.size();
    if (waiting > 0) {
      line.append("  waiting ").append(waiting);
    }
    counts.forEach((s, n) -> {
      if (s != TaskState.TASK_FINISHED) {
        line.append("  ").append(s.name().substring(5).toLowerCase(Locale.ROOT)).append(' ')
            .append(n);
      }
    });
    // ANSI erase-to-end-of-line: a shorter line must not leave the tail of a longer one.
    return line.append("\033[K").toString();
  }
}
