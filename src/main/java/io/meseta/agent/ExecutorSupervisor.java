package io.meseta.agent;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.AgentMessage.RunningExecutor;
import io.meseta.protocol.agent.AgentMessage.RunningTask;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.TaskSpec;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The custom executors of this agent and their tasks: starts an executor process once per
 * (framework, executor id), holds its tasks until it subscribes, destroys it when it does not
 * subscribe in time, shuts it down (SHUTDOWN, then SIGKILL after the grace period), and turns
 * its end into updates for its unfinished tasks. Executor status updates join the agent's
 * reliable pipeline. Confined to the agent's context; process starts and signals run on workers.
 */
final class ExecutorSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorSupervisor.class);

  private final Vertx vertx;
  private final Context context;
  private final TaskLauncher launcher;
  /** Each update with the state the task had before it (what the master knew). */
  private final Consumer<AgentMessage.ToMaster> toMaster;
  private final ExecutorContext agent;
  private final AgentConfig.ExecutorTimeouts timeouts;
  private final Map<ExecutorRun.Key, ExecutorRun> runs = new LinkedHashMap<>();
  /** Every executor task until its terminal update is acknowledged. */
  private final Map<TaskKey, ExecutorRun> owners = new LinkedHashMap<>();
  private final ExecutorCheckpoints checkpoints;
  private final ExecutorTaskStatuses statuses;

  ExecutorSupervisor(Vertx vertx, Context context, TaskLauncher launcher,
      BiConsumer<TaskStatusReport, TaskState> updates, Consumer<AgentMessage.ToMaster> toMaster,
      ExecutorContext agent, AgentConfig.ExecutorTimeouts timeouts,
      ExecutorCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
    this.statuses = new ExecutorTaskStatuses(updates, checkpoints, agent, timeouts);
    this.vertx = vertx;
    this.context = context;
    this.launcher = launcher;
    this.toMaster = toMaster;
    this.agent = agent;
    this.timeouts = timeouts;
  }

  boolean owns(TaskKey key) {
    return owners.containsKey(key);
  }

  Optional<ExecutorRun> find(ExecutorRun.Key key) {
    return Optional.ofNullable(runs.get(key));
  }

  /** RUN_TASK with an executor. */
  void run(TaskSpec spec) {
    launch(spec.frameworkId(), spec.executor(), List.of(spec), false);
  }

  /** RUN_TASK_GROUP: the executor receives the tasks in one LAUNCH_GROUP event. */
  void runGroup(AgentMessage.RunTaskGroup group) {
    launch(group.frameworkId(), group.executor(), group.tasks(), true);
  }

  private void launch(String frameworkId, ExecutorSpec executor, List<TaskSpec> specs,
      boolean asGroup) {
    List<TaskKey> keys = new ArrayList<>();
    for (TaskSpec spec : specs) {
      TaskKey key = TaskKey.of(spec.frameworkId(), spec.taskId());
      ExecutorRun owner = owners.get(key);
      if (owner != null && !owner.tasks.get(key).terminal) {
        LOG.warn("ignoring launch of {}: it is already live on this agent", key);
        return;
      }
      keys.add(key);
    }
    ExecutorRun.Key executorKey = new ExecutorRun.Key(FrameworkId.of(frameworkId), executor.executorId());
    ExecutorRun existing = runs.get(executorKey);
    ExecutorRun run = existing != null ? existing : start(executorKey, executor);
    List<ExecutorRun.ExecutorTask> added = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ExecutorRun.ExecutorTask task = new ExecutorRun.ExecutorTask(specs.get(i));
      run.tasks.put(keys.get(i), task);
      owners.put(keys.get(i), run);
      added.add(task);
    }
    if (!run.accepting()) {
      added.forEach(task -> statuses.end(run, task, TaskState.TASK_LOST,
          Reason.REASON_EXECUTOR_TERMINATED,
          "Executor " + executorKey + " is shutting down; launch the task again once it has ended"));
      return;
    }
    if (asGroup) {
      TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
      specs.forEach(spec -> group.addTasks(ExecutorProtos.taskInfo(spec, agent.agentId())));
      run.deliver(ExecutorEvents.launchGroup(group.build()));
    } else {
      run.deliver(ExecutorEvents.launch(ExecutorProtos.taskInfo(specs.get(0), agent.agentId())));
    }
    added.forEach(task -> task.delivered = run.phase == ExecutorRun.Phase.SUBSCRIBED);
    checkpoints.write(run);
  }

  private ExecutorRun start(ExecutorRun.Key key, ExecutorSpec spec) {
    ExecutorRun run = new ExecutorRun(key, spec);
    runs.put(key, run);
    Map<String, String> env = agent.environment(run);
    vertx.executeBlocking(() -> {
          TaskProcess process = launcher.launchExecutor(key.frameworkId().value(), spec, env);
          run.identity = io.meseta.agent.checkpoint.ProcessIdentity.of(process.pid()).orElse(null);
          return process;
        }, false)
        .onComplete(result -> {
          if (result.failed()) {
            LOG.warn("executor {} could not start: {}", key, result.cause().getMessage());
            run.termination = ExecutorRun.Termination.LAUNCH_FAILED;
            terminated(run, -1, "Failed to launch executor: " + result.cause().getMessage());
          } else {
            started(run, result.result());
          }
        });
    return run;
  }

  private void started(ExecutorRun run, TaskProcess process) {
    run.process = process;
    LOG.info("executor {} started as pid {} in {}", run.key, process.pid(), process.sandbox());
    process.onExit().whenComplete((p, error) -> context.runOnContext(v -> exited(run)));
    checkpoints.write(run);
    if (run.phase == ExecutorRun.Phase.TERMINATING) {
      destroy(run); // shut down while it was starting
      return;
    }
    run.phase = ExecutorRun.Phase.REGISTERING;
    awaitSubscription(run, timeouts.registrationTimeout().toMillis(),
        ExecutorRun.Termination.REGISTRATION_TIMEOUT);
  }

  /**
   * Takes back an executor of an earlier agent life (see {@link ExecutorCheckpoints#recover}).
   *
   * @param live its process if it still runs (same pid and start time), else null
   */
  void recover(io.meseta.agent.checkpoint.ExecutorCheckpoint checkpoint, ProcessHandle live) {
    ExecutorRun run = checkpoints.recover(checkpoint);
    run.tasks.keySet().forEach(key -> owners.put(key, run));
    if (live == null) {
      run.phase = ExecutorRun.Phase.TERMINATED;
      statuses.endUnfinished(run, "Executor " + run.key + " exited while the agent was down");
      checkpoints.delete(run);
      run.ended.tryComplete();
      return;
    }
    runs.put(run.key, run);
    run.process = TaskProcess.adopted(live, checkpoint.process(),
        () -> TaskProcess.UNKNOWN_EXIT_STATUS, java.nio.file.Path.of(checkpoint.sandbox()));
    run.process.onExit().whenComplete((p, error) -> context.runOnContext(v -> exited(run)));
    run.phase = ExecutorRun.Phase.REGISTERING;
    LOG.info("executor {} re-adopted (pid {}); it has {} to subscribe again", run.key, live.pid(),
        timeouts.recoveryTimeout());
    awaitSubscription(run, timeouts.recoveryTimeout().toMillis(),
        ExecutorRun.Termination.REREGISTRATION_TIMEOUT);
  }

  private void awaitSubscription(ExecutorRun run, long millis, ExecutorRun.Termination onTimeout) {
    cancel(run.registrationTimer);
    run.registrationTimer = vertx.setTimer(millis, id -> {
      run.registrationTimer = -1;
      if (run.phase == ExecutorRun.Phase.REGISTERING) {
        LOG.warn("executor {} did not subscribe within {} ms; destroying it", run.key, millis);
        run.termination = onTimeout;
        run.phase = ExecutorRun.Phase.TERMINATING;
        destroy(run);
      }
    });
  }

  private void exited(ExecutorRun run) {
    TaskProcess process = run.process;
    int status = process.exitValue();
    blocking(process::killLeftovers).onComplete(v -> terminated(run, status, process.isAdopted()
        ? "Executor terminated (re-adopted after an agent restart, its exit status is unknown)"
        : "Executor terminated with exit status " + status));
  }

  /** The executor is gone: its unfinished tasks end, the master learns its resources are free. */
  private void terminated(ExecutorRun run, int status, String message) {
    run.phase = ExecutorRun.Phase.TERMINATED;
    cancel(run.registrationTimer);
    cancel(run.shutdownTimer);
    cancel(run.heartbeatTimer);
    if (run.stream != null) {
      run.stream.close();
      run.stream = null;
    }
    runs.remove(run.key, run);
    checkpoints.delete(run);
    String why = statuses.endUnfinished(run, message);
    LOG.info("executor {} ended: {}", run.key, why);
    toMaster.accept(new AgentMessage.ExecutorExited(run.key.frameworkId().value(),
        run.key.executorId(), status, why));
    run.ended.tryComplete();
  }

  /** The executor subscribed (again): SUBSCRIBED, then what waited for it. */
  void subscribed(ExecutorRun run, ExecutorStream stream, Call.Subscribe subscribe) {
    if (run.stream != null) {
      run.stream.close(); // a second subscription replaces the first, as in Mesos
    }
    run.stream = stream;
    stream.open(() -> streamClosed(run, stream));
    run.phase = ExecutorRun.Phase.SUBSCRIBED;
    cancel(run.registrationTimer);
    LOG.info("executor {} subscribed{}", run.key, run.everSubscribed ? " again" : "");
    run.everSubscribed = true;
    stream.send(ExecutorEvents.subscribed(ExecutorProtos.executorInfo(run),
        ExecutorProtos.frameworkInfo(run), agent.agentInfo(), ExecutorProtos.containerId(run)));
    Set<String> executorHas = subscribe.getUnacknowledgedTasksList().stream()
        .map(task -> task.getTaskId().getValue()).collect(Collectors.toSet());
    run.pending.stream().map(event -> ExecutorProtos.withoutEnded(event, run, executorHas))
        .flatMap(Optional::stream).forEach(stream::send);
    run.pending.clear();
    run.tasks.values().forEach(task -> task.delivered = true);
    checkpoints.write(run);
    subscribe.getUnacknowledgedUpdatesList().forEach(update -> update(run, update.getStatus()));
    cancel(run.heartbeatTimer);
    run.heartbeatTimer = vertx.setPeriodic(timeouts.heartbeatInterval().toMillis(),
        id -> stream.send(ExecutorEvents.heartbeat()));
  }

  private void streamClosed(ExecutorRun run, ExecutorStream stream) {
    if (run.stream != stream) {
      return;
    }
    run.stream = null;
    cancel(run.heartbeatTimer);
    if (run.phase != ExecutorRun.Phase.SUBSCRIBED) {
      return;
    }
    if (run.spec.checkpoint()) {
      LOG.info("executor {} disconnected; it may subscribe again within {}", run.key,
          timeouts.recoveryTimeout());
      run.phase = ExecutorRun.Phase.REGISTERING;
      awaitSubscription(run, timeouts.recoveryTimeout().toMillis(), null);
    } else {
      // Mesos: without checkpointing an executor exits when it loses the agent; make sure.
      LOG.info("executor {} disconnected; it does not checkpoint, so it is shut down", run.key);
      run.phase = ExecutorRun.Phase.TERMINATING;
      run.shutdownTimer = vertx.setTimer(shutdownGrace(run), id -> destroy(run));
    }
  }

  /**
   * An UPDATE call.
   *
   * @return the problem that makes the update invalid (the call is answered 400), else empty
   */
  Optional<String> update(ExecutorRun run, TaskStatus status) {
    return statuses.update(run, status);
  }

  void messageFromExecutor(ExecutorRun run, byte[] data) {
    toMaster.accept(new AgentMessage.FrameworkMessage(run.key.frameworkId().value(),
        run.key.executorId(), Base64.getEncoder().encodeToString(data)));
  }

  void messageToExecutor(AgentMessage.FrameworkMessage message) {
    ExecutorRun run = runs.get(new ExecutorRun.Key(FrameworkId.of(message.frameworkId()),
        message.executorId()));
    if (run == null || !run.accepting()) {
      LOG.warn("dropping a framework message for executor {}/{}: it is not running here",
          message.frameworkId(), message.executorId());
      return;
    }
    run.deliver(ExecutorEvents.message(Base64.getDecoder().decode(
        message.data() == null ? "" : message.data())));
  }

  /** @param graceMillis 0 = the task's own kill grace period, if any */
  void kill(TaskKey key, long graceMillis) {
    ExecutorRun run = owners.get(key);
    ExecutorRun.ExecutorTask task = run.tasks.get(key);
    if (task.terminal) {
      return;
    }
    if (!task.delivered) {
      statuses.end(run, task, TaskState.TASK_KILLED, Reason.REASON_TASK_KILLED_DURING_LAUNCH,
          "Task killed before its executor subscribed");
    } else if (run.accepting()) {
      run.deliver(ExecutorEvents.kill(key.taskId().value(),
          graceMillis > 0 ? graceMillis : task.spec.killGracePeriodMillis()));
    }
  }

  void shutdown(ExecutorRun.Key key) {
    ExecutorRun run = runs.get(key);
    if (run == null || !run.accepting()) {
      LOG.info("shutdown of executor {}: it is not running (or already ending)", key);
      return;
    }
    run.termination = ExecutorRun.Termination.SHUTDOWN;
    boolean subscribed = run.phase == ExecutorRun.Phase.SUBSCRIBED && run.stream != null;
    run.phase = ExecutorRun.Phase.TERMINATING;
    cancel(run.registrationTimer);
    if (run.process == null) {
      return; // still starting: started() destroys it
    }
    if (!subscribed) {
      destroy(run);
      return;
    }
    long grace = shutdownGrace(run);
    LOG.info("shutting down executor {}; SIGKILL in {} ms unless it exits", run.key, grace);
    run.stream.send(ExecutorEvents.shutdown());
    run.shutdownTimer = vertx.setTimer(grace, id -> {
      run.shutdownTimer = -1;
      LOG.info("executor {} outlived its {} ms shutdown grace period; sending SIGKILL", run.key, grace);
      destroy(run);
    });
  }

  void shutdownFramework(FrameworkId framework) {
    runs.keySet().stream().filter(k -> k.frameworkId().equals(framework)).toList()
        .forEach(this::shutdown);
  }

  /** Shuts every executor down; completes when all ended, or after the longest grace + 5 s. */
  Future<Void> shutdownAll() {
    List<ExecutorRun> live = new ArrayList<>(runs.values());
    live.forEach(run -> shutdown(run.key));
    long wait = live.stream().mapToLong(this::shutdownGrace).max().orElse(0) + 5_000;
    return Future.join(live.stream().map(run -> run.ended.future()).toList()).<Void>mapEmpty()
        .timeout(wait, TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("some executors did not end within {} ms: {}", wait, runs.keySet());
          return Future.succeededFuture();
        });
  }

  /** The terminal update was acknowledged: nothing more to say about this task. */
  void forget(TaskKey key) {
    ExecutorRun run = owners.get(key);
    if (run != null && run.tasks.get(key).terminal) {
      owners.remove(key);
      run.tasks.remove(key);
      if (run.phase != ExecutorRun.Phase.TERMINATED) {
        checkpoints.write(run);
      }
    }
  }

  List<RunningTask> liveTasks() {
    return ExecutorInventory.liveTasks(owners);
  }

  List<RunningExecutor> liveExecutors() {
    return ExecutorInventory.liveExecutors(runs);
  }

  Map<ExecutorRun.Key, Long> executorPids() {
    return ExecutorInventory.pids(runs);
  }

  private long shutdownGrace(ExecutorRun run) {
    return run.spec.shutdownGracePeriodMillis() > 0 ? run.spec.shutdownGracePeriodMillis()
        : timeouts.shutdownGracePeriod().toMillis();
  }

  private void destroy(ExecutorRun run) {
    if (run.process != null) {
      blocking(run.process::kill);
    }
  }

  private Future<Void> blocking(Runnable signal) {
    return vertx.<Void>executeBlocking(() -> {
      signal.run();
      return null;
    }, false).onFailure(e -> LOG.warn("signalling an executor failed", e));
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
