package io.meseta.core.tasks;

import io.meseta.core.resources.Resources;

/** A side effect of a task transition, for the caller to carry out. */
public sealed interface TaskEffect {

  /** Give the task's resources back to the allocator (first terminal state only). */
  record ReleaseResources(Resources resources) implements TaskEffect {}

  /** Tell the framework about the new state. */
  record NotifyFramework() implements TaskEffect {}
}
