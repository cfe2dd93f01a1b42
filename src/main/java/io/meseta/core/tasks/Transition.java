package io.meseta.core.tasks;

import java.util.List;

/** The outcome of applying a status to a task: the task afterwards and what must happen. */
public record Transition(Task task, List<TaskEffect> effects) {
  public Transition {
    effects = List.copyOf(effects);
  }

  public boolean releases() {
    return effects.stream().anyMatch(TaskEffect.ReleaseResources.class::isInstance);
  }
}
