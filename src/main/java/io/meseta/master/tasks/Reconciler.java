package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskId;
import io.meseta.core.model.TaskState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Answers RECONCILE (reference/mesos-api.md §5.6). Replies carry REASON_RECONCILIATION, come
 * from the master and have no uuid, so frameworks must not acknowledge them.
 */
final class Reconciler {
  private final TaskTable tasks;
  private final Map<FrameworkId, Boolean> partitionAware;
  private final Set<AgentId> registered = new HashSet<>();
  private final Set<AgentId> unreachable = new HashSet<>();
  /**
   * Agents an earlier leader had, not yet re-registered with this one: a task unknown here may
   * still run there, so questions about it wait (Mesos: no reply for transitioning agents).
   */
  private final Set<AgentId> transitioning = new HashSet<>();

  void agentsRecovering(java.util.Collection<AgentId> agents) {
    transitioning.addAll(agents);
  }

  Reconciler(TaskTable tasks, Map<FrameworkId, Boolean> partitionAware) {
    this.tasks = tasks;
    this.partitionAware = partitionAware;
  }

  void agentSeen(AgentId agent) {
    registered.add(agent);
    unreachable.remove(agent);
    transitioning.remove(agent);
  }

  void agentLost(AgentId agent) {
    registered.remove(agent);
    unreachable.add(agent);
    transitioning.remove(agent);
  }

  List<TaskStatus> reconcile(FrameworkId framework, Call.Reconcile reconcile, double now) {
    List<TaskStatus> replies = new ArrayList<>();
    if (reconcile.getTasksCount() == 0) {
      for (TrackedTask t : tasks.activeOf(framework)) {
        replies.add(reply(t.task.id().value(), t.task.agentId().value(), t.task.state(), now));
      }
      return replies;
    }
    boolean aware = partitionAware.getOrDefault(framework, false);
    for (Call.Reconcile.Task query : reconcile.getTasksList()) {
      TaskId id = TaskId.of(query.getTaskId().getValue());
      // A task that ended recently is answered with how it ended, not as unknown.
      var known = tasks.find(framework, id).or(() -> tasks.findCompleted(framework, id));
      if (known.isPresent()) {
        replies.add(reply(id.value(), known.get().task.agentId().value(),
            known.get().task.state(), now));
        continue;
      }
      String agent = query.hasAgentId() ? query.getAgentId().getValue() : null;
      if (agent == null ? !transitioning.isEmpty() : transitioning.contains(AgentId.of(agent))) {
        continue; // asked again once the agent is back or gone, it gets an answer
      }
      replies.add(reply(id.value(), agent, unknownTaskState(agent, aware), now));
    }
    return replies;
  }

  private TaskState unknownTaskState(String agent, boolean aware) {
    if (!aware) {
      return TaskState.TASK_LOST;
    }
    if (agent == null) {
      return TaskState.TASK_UNKNOWN;
    }
    AgentId id = AgentId.of(agent);
    if (registered.contains(id)) {
      return TaskState.TASK_GONE;
    }
    return unreachable.contains(id) ? TaskState.TASK_UNREACHABLE : TaskState.TASK_UNKNOWN;
  }

  private static TaskStatus reply(String task, String agent, TaskState state, double now) {
    return io.meseta.protocol.TaskStatuses.fromMaster(task, agent, state,
        Reason.REASON_RECONCILIATION, "Reconciliation: latest task state", now);
  }
}
