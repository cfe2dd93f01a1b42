package io.meseta.gateway.operator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/** The task tracker: tasks by current state, terminal states reached, status updates. */
final class TaskMeters implements MeterBinder {
  private static final List<String> CURRENT =
      List.of("staging", "starting", "running", "killing", "unreachable");
  private static final List<String> TERMINAL =
      List.of("finished", "failed", "killed", "lost", "error", "dropped", "gone");

  private final ScrapedValues values;

  TaskMeters(ScrapedValues values) {
    this.values = values;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String state : CURRENT) {
      Gauge.builder("meseta.tasks", values, v -> v.snapshot("master/tasks_" + state))
          .tag("state", state)
          .description("Tasks now in each non-terminal state")
          .strongReference(true)
          .register(registry);
    }
    for (String state : TERMINAL) {
      FunctionCounter.builder("meseta.tasks.terminal", values,
              v -> v.snapshot("master/tasks_" + state))
          .tag("state", state)
          .description("Tasks that reached each terminal state since the master started")
          .register(registry);
    }
    FunctionCounter.builder("meseta.status.updates", values,
            v -> v.snapshot("master/valid_status_updates"))
        .description("Status updates received from agents (retries included)")
        .register(registry);
  }
}
