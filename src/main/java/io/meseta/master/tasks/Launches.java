package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskId;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import io.meseta.core.tasks.Task;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.meseta.master.operator.OperatorFeed;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.TaskStatuses;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.TaskSpec;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the LAUNCH and LAUNCH_GROUP operations of one ACCEPT: validates each task (each
 * group as a whole), records the valid ones as TASK_STAGING, charges a custom executor's
 * resources the first time it is launched on the agent, and sends the agent what to run.
 * Invalid tasks are reported to the framework as TASK_ERROR. Used on the task tracker's context.
 */
final class Launches {
  private static final Logger LOG = LoggerFactory.getLogger(Launches.class);

  private final TaskTable tasks;
  private final ExecutorTable executors;
  private final Map<FrameworkId, FrameworkInfo> frameworkInfos;
  private final EventBus bus;
  private final OperatorFeed feed;

  Launches(TaskTable tasks, ExecutorTable executors, Map<FrameworkId, FrameworkInfo> frameworkInfos,
      EventBus bus, OperatorFeed feed) {
    this.tasks = tasks;
    this.executors = executors;
    this.frameworkInfos = frameworkInfos;
    this.bus = bus;
    this.feed = feed;
  }

  /** @return the resources used, tasks and newly started executors together */
  Resources launch(Messages.LaunchTasks launch) {
    Batch batch = new Batch(launch);
    launch.tasks().forEach(batch::task);
    launch.groups().forEach(batch::group);
    return launch.offered().minus(batch.remaining);
  }

  /** One ACCEPT's launches, which draw on the same offered resources. */
  private final class Batch {
    final FrameworkId framework;
    final AgentId agent;
    final Set<TaskId> launchedNow = new HashSet<>();
    Resources remaining;

    Batch(Messages.LaunchTasks launch) {
      framework = launch.frameworkId();
      agent = launch.agentId();
      remaining = launch.offered();
    }

    void task(TaskInfo info) {
      TaskId id = TaskId.of(info.getTaskId().getValue().isBlank() ? "?" : info.getTaskId().getValue());
      TaskValidation.Outcome outcome = TaskValidation.check(info, agent, framework, remaining,
          inUse(id.value()), info.hasExecutor() ? running(info.getExecutor()) : Optional.empty());
      if (!outcome.valid()) {
        reject(id, Reason.REASON_TASK_INVALID, outcome.problem());
        return;
      }
      remaining = remaining.minus(outcome.total());
      if (!info.hasExecutor()) {
        stage(id, info, outcome.resources());
        send(new AgentMessage.RunTask(TaskSpecs.of(framework.value(), info, outcome.resources(),
            frameworkInfos.get(framework))));
        return;
      }
      ExecutorSpec executor = startExecutor(info.getExecutor(), outcome.executorResources());
      stage(id, info, outcome.resources());
      send(new AgentMessage.RunTask(
          TaskSpecs.ofExecutorTask(framework.value(), info, outcome.resources(), executor)));
    }

    void group(Offer.Operation.LaunchGroup group) {
      List<TaskInfo> members = group.getTaskGroup().getTasksList();
      TaskValidation.GroupOutcome outcome = TaskValidation.checkGroup(group, agent, framework,
          remaining, this::inUse, running(group.getExecutor()));
      if (!outcome.valid()) {
        LOG.info("Task group of framework {} is invalid: {}", framework, outcome.problem());
        members.forEach(task -> reject(TaskId.of(task.getTaskId().getValue().isBlank() ? "?"
            : task.getTaskId().getValue()), Reason.REASON_TASK_GROUP_INVALID, outcome.problem()));
        return;
      }
      ExecutorSpec executor = startExecutor(group.getExecutor(), outcome.executorResources());
      remaining = remaining.minus(outcome.executorResources());
      List<TaskSpec> specs = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        TaskInfo info = members.get(i);
        Resources resources = outcome.resources().get(i);
        remaining = remaining.minus(resources);
        stage(TaskId.of(info.getTaskId().getValue()), info, resources);
        specs.add(TaskSpecs.ofExecutorTask(framework.value(), info, resources, executor));
      }
      send(new AgentMessage.RunTaskGroup(framework.value(), executor, specs));
    }

    private boolean inUse(String id) {
      TaskId taskId = TaskId.of(id.isBlank() ? "?" : id);
      return launchedNow.contains(taskId) || tasks.isActive(framework, taskId);
    }

    private Optional<ExecutorInfo> running(ExecutorInfo executor) {
      return executors.find(agent, key(executor)).map(ExecutorTable.Entry::info);
    }

    private ExecutorTable.Key key(ExecutorInfo executor) {
      return new ExecutorTable.Key(framework, executor.getExecutorId().getValue());
    }

    /** Records the executor when this launch starts it; the spec goes with every launch. */
    private ExecutorSpec startExecutor(ExecutorInfo info, Resources newlyCharged) {
      ExecutorTable.Key key = key(info);
      Optional<ExecutorTable.Entry> known = executors.find(agent, key);
      Resources resources = known.map(ExecutorTable.Entry::resources).orElse(newlyCharged);
      if (known.isEmpty()) {
        executors.add(new ExecutorTable.Entry(agent, key, info, newlyCharged));
      }
      return TaskSpecs.executor(framework.value(), info, resources, frameworkInfos.get(framework));
    }

    private void stage(TaskId id, TaskInfo info, Resources resources) {
      launchedNow.add(id);
      TrackedTask tracked = new TrackedTask(Task.staging(id, framework, agent, info.getName(),
          resources));
      tracked.record(TaskStatuses.fromMaster(id.value(), agent.value(), TaskState.TASK_STAGING,
          null, null, now()));
      tasks.add(tracked);
      feed.taskAdded(TaskJson.task(tracked));
    }

    private void reject(TaskId id, Reason reason, String problem) {
      LOG.info("Task {} of framework {} is invalid: {}", id, framework, problem);
      bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(framework, SchedulerEvents.update(
          TaskStatuses.fromMaster(id.value(), agent.value(), TaskState.TASK_ERROR, reason,
              problem, now()))));
    }

    private void send(AgentMessage.ToAgent message) {
      bus.send(Addresses.AGENTS, new Messages.ToAgent(agent, message));
    }
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
