package io.meseta.core.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import java.util.Objects;

/**
 * A task as the master tracks it. {@code resourcesReleased} records that its resources went back
 * to the allocator, which happens exactly once: on the first terminal state.
 */
public record Task(
    TaskId id,
    FrameworkId frameworkId,
    AgentId agentId,
    String name,
    Resources resources,
    TaskState state,
    boolean resourcesReleased) {

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(state, "state");
    name = name == null ? "" : name;
  }

  /** A task the master has just accepted for launch. */
  public static Task staging(
      TaskId id, FrameworkId frameworkId, AgentId agentId, String name, Resources resources) {
    return new Task(id, frameworkId, agentId, name, resources, TaskState.TASK_STAGING, false);
  }

  public Task withState(TaskState next) {
    return new Task(id, frameworkId, agentId, name, resources, next, resourcesReleased);
  }

  Task released() {
    return new Task(id, frameworkId, agentId, name, resources, state, true);
  }
}
