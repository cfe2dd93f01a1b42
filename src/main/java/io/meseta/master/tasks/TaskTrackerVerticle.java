package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskId;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import io.meseta.core.tasks.Task;
import io.meseta.core.tasks.TaskEffect;
import io.meseta.core.tasks.TaskStateMachine;
import io.meseta.core.tasks.Transition;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.master.operator.OperatorFeed;
import io.meseta.master.state.LeaderTerm;
import io.meseta.master.state.StateStore;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.TaskStatuses;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task tracker: launches, status updates and their acknowledgements, kills, and
 * reconciliation. Transitions come from the pure {@link TaskStateMachine}; this verticle carries
 * out their effects (release resources, tell the framework).
 */
public final class TaskTrackerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TaskTrackerVerticle.class);

  private final TaskTable tasks = new TaskTable();
  /** Known frameworks and whether they are PARTITION_AWARE. */
  private final Map<FrameworkId, Boolean> frameworks = new HashMap<>();
  private final Map<FrameworkId, FrameworkInfo> frameworkInfos = new HashMap<>();
  private final Reconciler reconciler = new Reconciler(tasks, frameworks);
  private Preemptions preemptions;
  private final ExecutorTable executorTable = new ExecutorTable();
  private EventBus bus;
  private Launches launches;
  private ExecutorCalls executors;
  private OperatorFeed feed;

  private final LeaderTerm term;

  public TaskTrackerVerticle(LeaderTerm term) {
    this.term = term;
  }

  @Override
  public Future<?> start() {
    return term.store().entries(StateStore.AGENTS).compose(agents -> {
      reconciler.agentsRecovering(agents.keySet().stream().map(AgentId::of).toList());
      return term.store().entries(StateStore.TASKS);
    }).compose(stored -> {
      // Recovered tasks wait for their agent: it re-registers with them, or they are lost.
      stored.values().forEach(json -> tasks.add(StoredTasks.fromJson(json)));
      tasks.journalTo(StoredTasks.journal(term.writer(vertx)));
      if (!stored.isEmpty()) {
        LOG.info("Recovered {} unfinished task(s) from the state store", stored.size());
      }
      return serve();
    });
  }

  private Future<?> serve() {
    bus = vertx.eventBus();
    feed = OperatorFeed.forTasks(bus);
    launches = new Launches(tasks, executorTable, frameworkInfos, bus, feed);
    executors = new ExecutorCalls(executorTable, bus);
    preemptions = new Preemptions(vertx, tasks, frameworkInfos,
        java.util.UUID.randomUUID().toString());
    bus.consumer(Addresses.state(Addresses.TASKS),
        m -> m.reply(TaskJson.state(tasks).put("counters", feed.counters().toJson())));
    return bus.consumer(Addresses.TASKS, this::handle).completion();
  }

  private void handle(Message<Object> message) {
    Object body = message.body();
    if (body instanceof Messages.StatusFromAgent update) {
      statusFromAgent(update.agentId(), update.status());
    } else if (body instanceof Messages.LaunchTasks launch) {
      message.reply(new Messages.Launched(launches.launch(launch)));
    } else if (body instanceof Messages.FromAgent fromAgent) {
      executors.fromAgent(fromAgent);
    } else if (body instanceof Messages.SchedulerCall call) {
      schedulerCall(message, call.frameworkId(), call.call());
    } else if (body instanceof Messages.RunningTasksQuery) {
      message.reply(preemptions.running(java.time.Instant.now()));
    } else if (body instanceof Messages.Preempt preempt) {
      preemptions.preempt(preempt);
    } else if (body instanceof Messages.FrameworkAdded added) {
      frameworks.put(added.frameworkId(), added.partitionAware());
      if (added.info() != null) {
        frameworkInfos.put(added.frameworkId(), added.info());
      }
    } else if (body instanceof Messages.FrameworkRemoved removed) {
      frameworkRemoved(removed.frameworkId());
    } else if (body instanceof Messages.AgentAdded added) {
      reconciler.agentSeen(added.agent().id());
    } else if (body instanceof Messages.AgentRemoved removed) {
      agentLost(removed.agentId());
    } else if (body instanceof Messages.AgentReregistered reregistered) {
      message.reply(new Messages.InUse(agentReregistered(reregistered)));
    } else {
      message.fail(Failures.BAD_REQUEST, "unexpected message " + body.getClass().getSimpleName());
    }
  }

  private void statusFromAgent(AgentId agent, TaskStatusReport report) {
    FrameworkId framework = FrameworkId.of(report.frameworkId());
    TaskStatus status = TaskStatuses.fromAgent(report);
    var found = tasks.find(framework, TaskId.of(report.taskId()));
    if (found.isEmpty()) {
      if (frameworks.containsKey(framework)) {
        notifyFramework(framework, status); // the framework's ack reaches the agent
      } else {
        // Nobody will ever acknowledge this: stop the agent's retries.
        acknowledgeToAgent(agent, report.frameworkId(), report.taskId(), report.uuid());
      }
      return;
    }
    TrackedTask tracked = found.get();
    if (report.uuid() != null && report.uuid().equals(tracked.unackedUuid)) {
      notifyFramework(framework, status); // a retry: the framework has not acknowledged yet
      return;
    }
    Transition transition = TaskStateMachine.apply(tracked.task, report.state());
    tracked.task = transition.task();
    tracked.unackedUuid = report.uuid();
    tracked.record(status);
    feed.taskUpdated(tracked.task, status);
    carryOut(tracked, transition, status);
  }

  private void carryOut(TrackedTask tracked, Transition transition, TaskStatus status) {
    for (TaskEffect effect : transition.effects()) {
      if (effect instanceof TaskEffect.ReleaseResources release) {
        bus.send(Addresses.ALLOCATOR, new Messages.Recover(
            tracked.task.frameworkId(), tracked.task.agentId(), release.resources()));
      } else if (effect instanceof TaskEffect.NotifyFramework) {
        notifyFramework(tracked.task.frameworkId(), status);
      }
    }
    if (tracked.task.state().isTerminal() && tracked.unackedUuid == null) {
      tasks.complete(tracked);
    }
  }

  private void schedulerCall(Message<Object> message, FrameworkId framework, Call call) {
    switch (call.getType()) {
      case ACKNOWLEDGE -> acknowledge(message, framework, call.getAcknowledge());
      case KILL -> kill(message, framework, call.getKill());
      case RECONCILE -> {
        reconciler.reconcile(framework, call.getReconcile(), now())
            .forEach(s -> notifyFramework(framework, s));
        message.reply(null);
      }
      case MESSAGE -> executors.message(message, framework, call.getMessage());
      case SHUTDOWN -> executors.shutdown(message, framework, call.getShutdown());
      default -> message.fail(Failures.NOT_IMPLEMENTED,
          "Call type " + call.getType() + " is not handled by the task tracker");
    }
  }

  private void acknowledge(Message<Object> message, FrameworkId framework, Call.Acknowledge ack) {
    if (ack.getUuid().size() != 16) {
      message.fail(Failures.BAD_REQUEST, "ACKNOWLEDGE 'uuid' must be the 16-byte uuid of the"
          + " status update (base64 in JSON), got " + ack.getUuid().size() + " bytes");
      return;
    }
    String uuid = Base64.getEncoder().encodeToString(ack.getUuid().toByteArray());
    TaskId taskId = TaskId.of(ack.getTaskId().getValue());
    var found = tasks.find(framework, taskId);
    if (found.isPresent()) {
      TrackedTask tracked = found.get();
      if (uuid.equals(tracked.unackedUuid)) {
        tracked.unackedUuid = null;
        if (tracked.task.state().isTerminal()) {
          tasks.complete(tracked);
        }
      }
    }
    acknowledgeToAgent(AgentId.of(ack.getAgentId().getValue()), framework.value(),
        taskId.value(), uuid);
    message.reply(null);
  }

  private void kill(Message<Object> message, FrameworkId framework, Call.Kill kill) {
    TaskId taskId = TaskId.of(kill.getTaskId().getValue());
    var found = tasks.find(framework, taskId);
    if (found.isEmpty() || found.get().task.state().isTerminal()) {
      // Mesos answers a kill of an unknown task with an explicit reconciliation.
      reconciler.reconcile(framework, Call.Reconcile.newBuilder()
              .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(kill.getTaskId())).build(), now())
          .forEach(s -> notifyFramework(framework, s));
      message.reply(null);
      return;
    }
    Task task = found.get().task;
    long graceMillis = kill.hasKillPolicy() && kill.getKillPolicy().hasGracePeriod()
        ? kill.getKillPolicy().getGracePeriod().getNanoseconds() / 1_000_000
        : 0;
    bus.send(Addresses.AGENTS, new Messages.ToAgent(task.agentId(),
        new AgentMessage.KillTask(framework.value(), taskId.value(), graceMillis)));
    message.reply(null);
  }

  private void frameworkRemoved(FrameworkId framework) {
    Set<AgentId> agents = new HashSet<>();
    for (TrackedTask tracked : tasks.activeOf(framework)) {
      agents.add(tracked.task.agentId());
      if (!tracked.task.state().isTerminal()) {
        TaskStatus status = TaskStatuses.fromMaster(tracked.task.id().value(),
            tracked.task.agentId().value(), TaskState.TASK_KILLED,
            Reason.REASON_FRAMEWORK_REMOVED, "Framework removed", now());
        Transition transition = TaskStateMachine.apply(tracked.task, TaskState.TASK_KILLED);
        tracked.task = transition.task();
        tracked.record(status);
        feed.taskUpdated(tracked.task, status);
        transition.effects().stream()
            .filter(TaskEffect.ReleaseResources.class::isInstance)
            .map(TaskEffect.ReleaseResources.class::cast)
            .forEach(r -> bus.send(Addresses.ALLOCATOR, new Messages.Recover(
                framework, tracked.task.agentId(), r.resources())));
      }
      tracked.unackedUuid = null;
      tasks.complete(tracked);
    }
    executorTable.all().stream()
        .filter(e -> e.key().frameworkId().equals(framework))
        .forEach(e -> agents.add(e.agentId()));
    executors.frameworkRemoved(framework);
    agents.forEach(agent -> bus.send(Addresses.AGENTS, new Messages.ToAgent(agent,
        new AgentMessage.ShutdownFramework(framework.value()))));
    frameworks.remove(framework);
    frameworkInfos.remove(framework);
  }

  private void agentLost(AgentId agent) {
    reconciler.agentLost(agent);
    executors.agentLost(agent);
    for (TrackedTask tracked : tasks.onAgent(agent)) {
      if (tracked.task.state().isTerminal() && tracked.task.state() != TaskState.TASK_LOST) {
        continue;
      }
      boolean partitionAware = frameworks.getOrDefault(tracked.task.frameworkId(), false);
      TaskState state = partitionAware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
      TaskStatus status = TaskStatuses.fromMaster(tracked.task.id().value(), agent.value(),
          state, Reason.REASON_AGENT_REMOVED, "Agent " + agent + " is unreachable", now());
      Transition transition = TaskStateMachine.apply(tracked.task, state);
      tracked.task = transition.task();
      tracked.record(status);
      feed.taskUpdated(tracked.task, status);
      // The agent is gone from the allocator already, so there is nothing to release.
      notifyFramework(tracked.task.frameworkId(), status);
    }
  }

  private Map<FrameworkId, Resources> agentReregistered(Messages.AgentReregistered message) {
    AgentId agent = message.agentId();
    reconciler.agentSeen(agent);
    Set<TaskId> reported = new HashSet<>();
    for (AgentMessage.RunningTask running : message.tasks()) {
      FrameworkId framework = FrameworkId.of(running.frameworkId());
      TaskId id = TaskId.of(running.taskId());
      reported.add(id);
      var found = tasks.find(framework, id);
      if (found.isEmpty()) {
        // A master that restarted learns the agent's tasks from the agent itself.
        TrackedTask adopted = new TrackedTask(new Task(id, framework, agent, running.name(),
            Resources.parse(running.resources()), running.state(), false));
        adopted.record(TaskStatuses.fromMaster(id.value(), agent.value(), running.state(),
            Reason.REASON_AGENT_REREGISTERED, "Task reported by re-registered agent", now()));
        tasks.add(adopted);
        feed.taskAdded(TaskJson.task(adopted));
      } else if (found.get().task.state() != running.state()) {
        TrackedTask tracked = found.get();
        TaskStatus status = TaskStatuses.fromMaster(id.value(), agent.value(), running.state(),
            Reason.REASON_AGENT_REREGISTERED, "Agent " + agent + " re-registered", now());
        Transition transition = TaskStateMachine.apply(tracked.task, running.state());
        tracked.task = transition.task();
        tracked.record(status);
        feed.taskUpdated(tracked.task, status);
        notifyFramework(framework, status);
      }
    }
    Map<TaskId, TaskState> ended = new HashMap<>();
    message.ended().forEach(t -> ended.put(TaskId.of(t.taskId()), t.state()));
    for (TrackedTask tracked : tasks.onAgent(agent)) {
      TaskState endedAs = ended.get(tracked.task.id());
      if (endedAs != null && !reported.contains(tracked.task.id())) {
        // It ended and its framework was told (or will be, by the agent's retry): no news.
        tracked.task = TaskStateMachine.apply(tracked.task, endedAs).task();
        tasks.complete(tracked);
        continue;
      }
      if (!reported.contains(tracked.task.id()) && !tracked.task.state().isTerminal()) {
        boolean partitionAware = frameworks.getOrDefault(tracked.task.frameworkId(), false);
        TaskState state = partitionAware ? TaskState.TASK_GONE : TaskState.TASK_LOST;
        TaskStatus status = TaskStatuses.fromMaster(tracked.task.id().value(), agent.value(),
            state, Reason.REASON_AGENT_RESTARTED,
            "Agent " + agent + " re-registered without this task", now());
        tracked.task = TaskStateMachine.apply(tracked.task, state).task();
        tracked.record(status);
        feed.taskUpdated(tracked.task, status);
        notifyFramework(tracked.task.frameworkId(), status);
        tasks.complete(tracked);
      }
    }
    executors.agentReregistered(agent, message.executors());
    Map<FrameworkId, Resources> inUse = tasks.inUseOn(agent);
    executorTable.inUseOn(agent).forEach((framework, r) -> inUse.merge(framework, r, Resources::plus));
    return inUse;
  }

  private void notifyFramework(FrameworkId framework, TaskStatus status) {
    bus.send(Addresses.FRAMEWORKS,
        new Messages.ToFramework(framework, SchedulerEvents.update(status)));
  }

  private void acknowledgeToAgent(AgentId agent, String framework, String task, String uuid) {
    bus.send(Addresses.AGENTS,
        new Messages.ToAgent(agent, new AgentMessage.Acknowledge(framework, task, uuid)));
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
