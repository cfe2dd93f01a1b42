package io.meseta.agent;

import io.meseta.agent.checkpoint.CheckpointStore;
import io.meseta.agent.checkpoint.ExecutorCheckpoint;
import io.meseta.core.model.FrameworkId;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Executors to and from their checkpoint ({@code executor.json}): what a restarted agent needs
 * to take an executor back, let it subscribe again, and give it the launches it had not yet
 * received. Used on the agent's context; the file is written on a worker.
 */
final class ExecutorCheckpoints {
  private final CheckpointStore store;
  private final Supplier<String> agentId;

  ExecutorCheckpoints(CheckpointStore store, Supplier<String> agentId) {
    this.store = store;
    this.agentId = agentId;
  }

  void write(ExecutorRun run) {
    List<ExecutorCheckpoint.Task> tasks = run.tasks.values().stream()
        .map(task -> new ExecutorCheckpoint.Task(task.spec, task.state, task.terminal,
            task.delivered, List.copyOf(task.uuids)))
        .toList();
    store.write(file(run.key), new ExecutorCheckpoint(run.key.frameworkId().value(), run.spec,
        run.identity, run.process == null ? null : run.process.sandbox().toString(),
        run.containerId, tasks));
  }

  void delete(ExecutorRun run) {
    store.delete(file(run.key));
  }

  /**
   * The run as it was; tasks it had not received yet get their LAUNCH queued again for its
   * next subscription. The caller decides whether its process still runs.
   */
  ExecutorRun recover(ExecutorCheckpoint checkpoint) {
    ExecutorRun.Key key = new ExecutorRun.Key(FrameworkId.of(checkpoint.frameworkId()),
        checkpoint.spec().executorId());
    ExecutorRun run = new ExecutorRun(key, checkpoint.spec(), checkpoint.containerId());
    run.identity = checkpoint.process();
    run.everSubscribed = true;
    for (ExecutorCheckpoint.Task saved : checkpoint.tasks()) {
      ExecutorRun.ExecutorTask task = new ExecutorRun.ExecutorTask(saved.spec());
      task.state = saved.state();
      task.terminal = saved.terminal();
      task.delivered = saved.delivered();
      task.uuids.addAll(saved.uuids());
      run.tasks.put(TaskKey.of(saved.spec().frameworkId(), saved.spec().taskId()), task);
      if (!task.delivered && !task.terminal) {
        run.pending.add(ExecutorEvents.launch(ExecutorProtos.taskInfo(saved.spec(), agentId.get())));
      }
    }
    return run;
  }

  private Path file(ExecutorRun.Key key) {
    return store.executorFile(key.frameworkId().value(), key.executorId());
  }
}
