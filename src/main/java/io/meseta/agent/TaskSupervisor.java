package io.meseta.agent;

import io.meseta.agent.checkpoint.CheckpointStore;
import io.meseta.agent.checkpoint.ProcessIdentity;
import io.meseta.agent.checkpoint.TaskCheckpoint;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentMessage.RunningTask;
import io.meseta.protocol.agent.TaskSpec;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks of this agent: launches them, kills them (SIGTERM, SIGKILL after the grace period),
 * turns their exits into status updates, and remembers them until their terminal update is
 * acknowledged. Each task is checkpointed (spec, process identity, state) whenever it changes,
 * so a restarted agent can {@link #recover} it. Confined to the agent's context; process starts
 * and signals run on workers.
 */
final class TaskSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(TaskSupervisor.class);

  private final Vertx vertx;
  private final Context context;
  private final TaskLauncher launcher;
  /** Each update with the state the task had before it (what the master knew). */
  private final BiConsumer<TaskStatusReport, TaskState> updates;
  private final Supplier<String> agentId;
  private final Duration defaultGrace;
  private final CheckpointStore checkpoints;
  private final Map<TaskKey, TaskRun> tasks = new LinkedHashMap<>();

  TaskSupervisor(
      Vertx vertx,
      Context context,
      TaskLauncher launcher,
      CheckpointStore checkpoints,
      BiConsumer<TaskStatusReport, TaskState> updates,
      Supplier<String> agentId,
      Duration defaultGrace) {
    this.vertx = vertx;
    this.context = context;
    this.launcher = launcher;
    this.checkpoints = checkpoints;
    this.updates = updates;
    this.agentId = agentId;
    this.defaultGrace = defaultGrace;
  }

  void run(TaskSpec spec) {
    TaskKey key;
    try {
      key = TaskKey.of(spec.frameworkId(), spec.taskId());
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring RUN_TASK without usable ids ({}): {}", e.getMessage(), spec);
      return;
    }
    TaskRun existing = tasks.get(key);
    if (existing != null && !existing.terminal) {
      LOG.warn("ignoring RUN_TASK for {}: it is already running on this agent", key);
      return;
    }
    TaskRun run = new TaskRun(key, spec);
    tasks.put(key, run);
    checkpoint(run);
    String id = agentId.get();
    vertx.executeBlocking(() -> {
          checkpoints.prepareTaskDir(spec.frameworkId(), spec.taskId());
          TaskProcess process = launcher.launch(spec, id,
              checkpoints.exitStatusFile(spec.frameworkId(), spec.taskId()));
          run.identity = ProcessIdentity.of(process.pid()).orElse(null);
          return process;
        }, false)
        .onComplete(result -> {
          if (result.succeeded()) {
            started(run, result.result());
          } else {
            LOG.warn("task {} could not start: {}", key, result.cause().getMessage());
            finish(run, TaskState.TASK_FAILED, StatusSource.SOURCE_AGENT,
                Reason.REASON_CONTAINER_LAUNCH_FAILED, "Failed to launch task: " + result.cause().getMessage());
          }
        });
  }

  private void started(TaskRun run, TaskProcess process) {
    run.process = process;
    LOG.info("task {} started as pid {} in {}", run.key, process.pid(), process.sandbox());
    process.onExit().whenComplete((p, error) -> context.runOnContext(v -> exited(run)));
    checkpoint(run);
    if (run.killRequested) {
      beginKill(run); // killed while starting: no TASK_RUNNING, it never ran for the framework
    } else {
      report(run, TaskState.TASK_RUNNING, StatusSource.SOURCE_EXECUTOR, null, null);
    }
  }

  /** Reported only once the leftovers of its group are gone too: "ended" means nothing runs. */
  private void exited(TaskRun run) {
    TaskProcess process = run.process;
    run.exited = true;
    run.cancelKillTimer(vertx);
    vertx.executeBlocking(() -> {
      int exitValue = process.exitValue(); // an adopted process's is read from a file
      process.killLeftovers();
      return exitValue;
    }, false).onComplete(result -> {
      int status = result.succeeded() ? result.result() : TaskProcess.UNKNOWN_EXIT_STATUS;
      if (run.killRequested && run.state == null) {
        finish(run, TaskState.TASK_KILLED, StatusSource.SOURCE_AGENT,
            Reason.REASON_TASK_KILLED_DURING_LAUNCH, run.killMessage);
      } else if (run.killRequested) {
        finish(run, TaskState.TASK_KILLED, StatusSource.SOURCE_EXECUTOR, run.killReason,
            run.killMessage);
      } else {
        TaskState state = status == 0 ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED;
        finish(run, state, StatusSource.SOURCE_EXECUTOR, null, exitMessage(status, ""));
      }
    });
  }

  private static String exitMessage(int status, String when) {
    return status == TaskProcess.UNKNOWN_EXIT_STATUS
        ? "Command exited" + when + " and left no exit status (it ran before an agent restart)"
        : "Command exited with status " + status + when;
  }

  /**
   * Takes back a task of an earlier agent life. Blocking parts (is its process alive, what did
   * it leave) were answered by the caller.
   *
   * @param live its main process if it still runs (same pid and start time), else null
   * @param exitStatus what its wrapper left when it ended; {@link TaskProcess#UNKNOWN_EXIT_STATUS}
   *     if nothing
   */
  void recover(TaskCheckpoint checkpoint, ProcessHandle live, int exitStatus) {
    TaskSpec spec = checkpoint.spec();
    TaskKey key = TaskKey.of(spec.frameworkId(), spec.taskId());
    TaskRun run = new TaskRun(key, spec);
    run.state = checkpoint.state();
    run.identity = checkpoint.process();
    run.terminal = checkpoint.terminal();
    tasks.put(key, run);
    if (run.terminal) {
      run.done.tryComplete(); // only its terminal update is left, in the update manager
      return;
    }
    if (live != null) {
      LOG.info("task {} re-adopted: pid {} still runs", key, live.pid());
      run.process = TaskProcess.adopted(live, checkpoint.process(), () -> checkpoints
          .exitStatus(spec.frameworkId(), spec.taskId()).orElse(TaskProcess.UNKNOWN_EXIT_STATUS),
          java.nio.file.Path.of(checkpoint.sandbox()));
      run.process.onExit().whenComplete((p, error) -> context.runOnContext(v -> exited(run)));
      if (run.state == null) {
        report(run, TaskState.TASK_RUNNING, StatusSource.SOURCE_EXECUTOR, null, null);
      }
      return;
    }
    if (exitStatus == 0) {
      finish(run, TaskState.TASK_FINISHED, StatusSource.SOURCE_EXECUTOR, null,
          exitMessage(0, " while the agent was down"));
    } else if (exitStatus != TaskProcess.UNKNOWN_EXIT_STATUS) {
      finish(run, TaskState.TASK_FAILED, StatusSource.SOURCE_EXECUTOR, null,
          exitMessage(exitStatus, " while the agent was down"));
    } else {
      finish(run, TaskState.TASK_FAILED, StatusSource.SOURCE_AGENT,
          Reason.REASON_EXECUTOR_TERMINATED, checkpoint.process() == null
              ? "The agent restarted while starting the task; it did not run"
              : "The task's process exited while the agent was down (killed by a signal"
                  + " or with its process group)");
    }
  }

  /**
   * @param graceMillis SIGTERM → SIGKILL delay; 0 = the task's own, else the agent default
   */
  void kill(TaskKey key, long graceMillis) {
    kill(key, graceMillis, null);
  }

  /** @param reason reported with TASK_KILLED (null: none, a plain kill) */
  void kill(TaskKey key, long graceMillis, Reason reason) {
    TaskRun run = tasks.get(key);
    if (run == null) {
      LOG.info("kill of unknown task {}: reporting it lost", key);
      updates.accept(StatusReports.of(key, agentId.get(), TaskState.TASK_LOST,
          StatusSource.SOURCE_AGENT, Reason.REASON_TASK_UNKNOWN, "Task unknown to the agent"),
          null);
      return;
    }
    if (run.terminal || run.killRequested || run.exited) {
      return; // already ending: its terminal update is (or will be) on its way
    }
    run.killRequested = true;
    run.killReason = reason;
    run.graceMillis = graceMillis > 0 ? graceMillis
        : run.spec.killGracePeriodMillis() > 0 ? run.spec.killGracePeriodMillis()
        : defaultGrace.toMillis();
    if (run.process != null) {
      beginKill(run);
    }
  }

  private void beginKill(TaskRun run) {
    TaskProcess process = run.process;
    LOG.info("killing task {} (pid {}), grace {} ms", run.key, process.pid(), run.graceMillis);
    run.killMessage = "Command terminated by the agent with SIGTERM";
    blocking(process::terminate);
    run.killTimer = vertx.setTimer(Math.max(1, run.graceMillis), id -> {
      run.killTimer = -1;
      if (!run.exited) {
        LOG.info("task {} outlived its {} ms grace period; sending SIGKILL", run.key, run.graceMillis);
        run.killMessage = "Command killed by the agent with SIGKILL after a grace period of "
            + run.graceMillis + " ms";
        blocking(process::kill);
      }
    });
  }

  void shutdownFramework(FrameworkId frameworkId) {
    List<TaskKey> keys = tasks.keySet().stream().filter(k -> k.frameworkId().equals(frameworkId)).toList();
    keys.forEach(key -> kill(key, 0));
  }

  /** The terminal update was acknowledged: nothing more to say about this task. */
  void forget(TaskKey key) {
    TaskRun run = tasks.get(key);
    if (run != null && run.terminal) {
      tasks.remove(key);
      checkpoints.delete(checkpoints.taskFile(key.frameworkId().value(), key.taskId().value()));
      checkpoints.delete(checkpoints.exitStatusFile(key.frameworkId().value(), key.taskId().value()));
    }
  }

  /**
   * Every task not yet forgotten, with its latest state (REREGISTER reports those the master
   * still believes live).
   */
  List<RunningTask> liveTasks() {
    return tasks.values().stream()
        .map(run -> new RunningTask(run.spec.frameworkId(), run.spec.taskId(), run.spec.name(),
            run.spec.resources(), run.state == null ? TaskState.TASK_STAGING : run.state))
        .toList();
  }

  /** Main-process pids of the tasks whose process is running. */
  Map<TaskKey, Long> runningPids() {
    Map<TaskKey, Long> pids = new LinkedHashMap<>();
    tasks.forEach((key, run) -> {
      if (run.process != null && !run.terminal) {
        pids.put(key, run.process.pid());
      }
    });
    return pids;
  }

  /** Kills every task and completes when all have ended, or after the longest grace + 5 s. */
  Future<Void> killAll() {
    List<TaskRun> live = tasks.values().stream().filter(run -> !run.terminal).toList();
    live.forEach(run -> kill(run.key, 0));
    long wait = live.stream().mapToLong(run -> run.graceMillis).max().orElse(0) + 5_000;
    return Future.join(live.stream().map(run -> run.done.future()).toList())
        .<Void>mapEmpty()
        .timeout(wait, TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("some tasks did not end within {} ms of being killed: {}", wait, runningPids().keySet());
          return Future.succeededFuture();
        });
  }

  private void finish(TaskRun run, TaskState state, StatusSource source, Reason reason, String message) {
    run.terminal = true;
    report(run, state, source, reason, message); // checkpoints it as terminal
    LOG.info("task {} ended {}: {}", run.key, state, message);
    run.done.tryComplete();
  }

  private void report(TaskRun run, TaskState state, StatusSource source, Reason reason, String message) {
    TaskState before = run.state;
    run.state = state;
    checkpoint(run);
    updates.accept(StatusReports.of(run.key, agentId.get(), state, source, reason, message), before);
  }

  private void checkpoint(TaskRun run) {
    checkpoints.write(checkpoints.taskFile(run.spec.frameworkId(), run.spec.taskId()),
        new TaskCheckpoint(run.spec, run.identity,
            run.process == null ? null : run.process.sandbox().toString(), run.state, run.terminal));
  }

  private Future<Void> blocking(Runnable signal) {
    return vertx.<Void>executeBlocking(() -> {
      signal.run();
      return null;
    }, false).onFailure(e -> LOG.warn("signalling a task failed", e));
  }

  /** One launch of a task; its fields change only on the agent's context. */
  private static final class TaskRun {
    final TaskKey key;
    final TaskSpec spec;
    final Promise<Void> done = Promise.promise();
    TaskProcess process;
    /** Set on the worker that starts the process, read on the context after it (happens-before). */
    volatile ProcessIdentity identity;
    TaskState state;
    boolean exited;
    boolean terminal;
    boolean killRequested;
    Reason killReason;
    long graceMillis;
    String killMessage;
    long killTimer = -1;

    TaskRun(TaskKey key, TaskSpec spec) {
      this.key = key;
      this.spec = spec;
    }

    void cancelKillTimer(Vertx vertx) {
      if (killTimer >= 0) {
        vertx.cancelTimer(killTimer);
        killTimer = -1;
      }
    }
  }
}
