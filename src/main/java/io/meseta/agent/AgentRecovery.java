package io.meseta.agent;

import io.meseta.agent.checkpoint.CheckpointStore;
import io.meseta.agent.checkpoint.ExecutorCheckpoint;
import io.meseta.agent.checkpoint.ProcessIdentity;
import io.meseta.agent.checkpoint.TaskCheckpoint;
import io.meseta.agent.checkpoint.UpdatesCheckpoint;
import io.meseta.protocol.agent.TaskStatusReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent restarted on the same work dir takes back from its checkpoint (Mesos' agent
 * recovery): its id, its tasks and executors (re-adopted when their very process still runs,
 * reported when it does not), and the status updates not yet acknowledged. {@link #read} does
 * the blocking part (files, {@code /proc}); {@link Plan#apply} the rest, on the agent's context,
 * before the agent connects to a master.
 */
final class AgentRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRecovery.class);

  private AgentRecovery() {}

  /** A task to take back; {@code live} is null when its process is gone. */
  record RecoveredTask(TaskCheckpoint checkpoint, ProcessHandle live, int exitStatus) {}

  record RecoveredExecutor(ExecutorCheckpoint checkpoint, ProcessHandle live) {}

  /** @param agentId the id to re-register with; null = register as a new agent */
  record Plan(String agentId, List<RecoveredTask> tasks, List<RecoveredExecutor> executors,
      List<UpdatesCheckpoint> updates) {

    void apply(StatusUpdateManager manager, TaskSupervisor supervisor,
        ExecutorSupervisor executorSupervisor) {
      updates.forEach(manager::recover); // first: what the supervisors add queues behind them
      tasks.forEach(t -> supervisor.recover(t.checkpoint(), t.live(), t.exitStatus()));
      executors.forEach(e -> executorSupervisor.recover(e.checkpoint(), e.live()));
    }
  }

  /** Blocking. With {@link AgentConfig.Recover#CLEANUP}, kills what is left and starts afresh. */
  static Plan read(CheckpointStore store, AgentConfig.Recover mode) throws IOException {
    CheckpointStore.Recovered found = store.readAll();
    if (mode == AgentConfig.Recover.CLEANUP) {
      found.tasks().forEach(t -> killLeftovers(t.process()));
      found.executors().forEach(e -> killLeftovers(e.process()));
      store.deleteAll();
      if (found.agentId() != null) {
        LOG.info("--recover=cleanup: killed what agent {} left and forgot it", found.agentId());
      }
      return new Plan(null, List.of(), List.of(), List.of());
    }
    if (found.agentId() == null) {
      // Never registered: nothing can have been launched, whatever files there are.
      return new Plan(null, List.of(), List.of(), List.of());
    }
    Set<TaskKey> pending = new HashSet<>();
    for (UpdatesCheckpoint stream : found.updates()) {
      TaskStatusReport head = stream.pending().get(0);
      pending.add(TaskKey.of(head.frameworkId(), head.taskId()));
    }
    List<RecoveredTask> tasks = new ArrayList<>();
    for (TaskCheckpoint task : found.tasks()) {
      String framework = task.spec().frameworkId();
      String id = task.spec().taskId();
      if (task.terminal() && !pending.contains(TaskKey.of(framework, id))) {
        store.delete(store.taskFile(framework, id)); // acknowledged; only the file was left
        continue;
      }
      ProcessHandle live = liveProcess(task.process());
      int exitStatus = live != null ? TaskProcess.UNKNOWN_EXIT_STATUS
          : store.exitStatus(framework, id).orElse(TaskProcess.UNKNOWN_EXIT_STATUS);
      if (live == null && task.process() != null && !task.terminal()
          && ProcessHandle.of(task.process().pid()).isEmpty()) {
        // The kernel hands out no pid still in use as a group id, so a group by that id is
        // what the task left behind, never a stranger's.
        ProcessGroups.signal(task.process().pid(), ProcessGroups.Signal.KILL);
      }
      tasks.add(new RecoveredTask(task, live, exitStatus));
    }
    List<RecoveredExecutor> executors = found.executors().stream()
        .map(e -> new RecoveredExecutor(e, liveProcess(e.process()))).toList();
    LOG.info("recovering agent {}: {} task(s) ({} still running), {} executor(s), {} task(s) with"
        + " unacknowledged updates", found.agentId(), tasks.size(),
        tasks.stream().filter(t -> t.live() != null).count(), executors.size(),
        found.updates().size());
    return new Plan(found.agentId(), tasks, executors, found.updates());
  }

  private static ProcessHandle liveProcess(ProcessIdentity identity) {
    if (identity == null || !identity.isAlive()) {
      return null;
    }
    return ProcessHandle.of(identity.pid()).orElse(null);
  }

  private static void killLeftovers(ProcessIdentity identity) {
    if (identity != null && identity.isAlive()) {
      ProcessGroups.signal(identity.pid(), ProcessGroups.Signal.KILL);
    }
  }
}
