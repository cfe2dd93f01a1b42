package io.meseta.agent.checkpoint;

import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.TaskSpec;
import java.util.List;

/**
 * {@code meta/frameworks/<fw>/executors/<executor>/executor.json}: a custom executor and the
 * tasks it was given.
 *
 * @param process its process; null while it is being started
 * @param containerId the container id its SUBSCRIBED event names (kept: it must not change)
 */
public record ExecutorCheckpoint(
    String frameworkId,
    ExecutorSpec spec,
    ProcessIdentity process,
    String sandbox,
    String containerId,
    List<Task> tasks) {

  public ExecutorCheckpoint {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /**
   * One task of the executor.
   *
   * @param delivered sent to the executor in a LAUNCH
   * @param uuids the updates the executor sent for it (an UPDATE re-sent with its next
   *     subscription must not be forwarded twice)
   */
  public record Task(TaskSpec spec, TaskState state, boolean terminal, boolean delivered,
      List<String> uuids) {
    public Task {
      uuids = uuids == null ? List.of() : List.copyOf(uuids);
    }
  }
}
