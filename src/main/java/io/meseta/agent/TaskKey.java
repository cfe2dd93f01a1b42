package io.meseta.agent;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;

/** A task on this agent: task ids are unique only within their framework. */
public record TaskKey(FrameworkId frameworkId, TaskId taskId) {

  /**
   * @throws IllegalArgumentException when either id is null or blank
   */
  public static TaskKey of(String frameworkId, String taskId) {
    if (frameworkId == null || taskId == null) {
      throw new IllegalArgumentException("framework_id and task_id are required");
    }
    return new TaskKey(FrameworkId.of(frameworkId), TaskId.of(taskId));
  }

  @Override
  public String toString() {
    return frameworkId + "/" + taskId;
  }
}
