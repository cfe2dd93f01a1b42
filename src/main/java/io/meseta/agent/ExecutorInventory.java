package io.meseta.agent;

import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentMessage.RunningExecutor;
import io.meseta.protocol.agent.AgentMessage.RunningTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the agent's executors run, as re-registration and tests need to see it. */
final class ExecutorInventory {
  private ExecutorInventory() {}

  /**
   * Executor tasks not yet forgotten, with their latest state; a task still waiting for its
   * executor counts as staging.
   */
  static List<RunningTask> liveTasks(Map<TaskKey, ExecutorRun> owners) {
    List<RunningTask> live = new ArrayList<>();
    owners.forEach((key, run) -> {
      ExecutorRun.ExecutorTask task = run.tasks.get(key);
      live.add(new RunningTask(task.spec.frameworkId(), task.spec.taskId(), task.spec.name(),
          task.spec.resources(), task.state == null ? TaskState.TASK_STAGING : task.state));
    });
    return live;
  }

  static List<RunningExecutor> liveExecutors(Map<ExecutorRun.Key, ExecutorRun> runs) {
    return runs.values().stream().map(run -> new RunningExecutor(run.key.frameworkId().value(),
        run.key.executorId(), run.spec.resources())).toList();
  }

  static Map<ExecutorRun.Key, Long> pids(Map<ExecutorRun.Key, ExecutorRun> runs) {
    Map<ExecutorRun.Key, Long> pids = new LinkedHashMap<>();
    runs.forEach((key, run) -> {
      if (run.process != null) {
        pids.put(key, run.process.pid());
      }
    });
    return pids;
  }
}
