package io.meseta.agent;

import io.meseta.agent.checkpoint.ProcessIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A started task: its main process, which leads its own session and process group (so
 * {@code pid} is also the group id). Either our child, or a process re-adopted after an agent
 * restart: that one is not our child any more, so its exit is watched through its
 * {@link ProcessHandle} and its exit status comes from wherever its launcher left it. The
 * signalling methods block briefly (they spawn {@code kill}); call them off the event loop.
 */
final class TaskProcess {
  /** Exit status of a re-adopted process that left none. */
  static final int UNKNOWN_EXIT_STATUS = -1;

  /**
   * Watches adopted processes for becoming zombies: their new parent (init, or whatever
   * subreaper a container has) may never reap them, and to {@link ProcessHandle#onExit()} an
   * unreaped zombie still looks alive.
   */
  private static final ScheduledExecutorService ZOMBIE_WATCH =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "meseta-adopted-process-watch");
        thread.setDaemon(true);
        return thread;
      });
  private static final long ZOMBIE_POLL_MILLIS = 500;

  private final ProcessHandle handle;
  private final Process child;
  private final IntSupplier adoptedExitStatus;
  private final CompletableFuture<?> adoptedExit;
  private final Path sandbox;

  TaskProcess(Process process, Path sandbox) {
    this.handle = process.toHandle();
    this.child = process;
    this.adoptedExitStatus = null;
    this.adoptedExit = null;
    this.sandbox = sandbox;
  }

  private TaskProcess(ProcessHandle handle, ProcessIdentity identity, IntSupplier exitStatus,
      Path sandbox) {
    this.handle = handle;
    this.child = null;
    this.adoptedExitStatus = exitStatus;
    this.sandbox = sandbox;
    CompletableFuture<Void> exit = new CompletableFuture<>();
    handle.onExit().thenRun(() -> exit.complete(null));
    ScheduledFuture<?> poll = ZOMBIE_WATCH.scheduleWithFixedDelay(() -> {
      if (!identity.isAlive()) {
        exit.complete(null);
      }
    }, ZOMBIE_POLL_MILLIS, ZOMBIE_POLL_MILLIS, TimeUnit.MILLISECONDS);
    exit.whenComplete((v, e) -> poll.cancel(false));
    this.adoptedExit = exit;
  }

  /**
   * A process of an earlier agent life.
   *
   * @param identity its pid and start time, as checked alive just now
   * @param exitStatus read once the process has exited; {@link #UNKNOWN_EXIT_STATUS} if unknown
   */
  static TaskProcess adopted(ProcessHandle handle, ProcessIdentity identity,
      IntSupplier exitStatus, Path sandbox) {
    return new TaskProcess(handle, identity, exitStatus, sandbox);
  }

  long pid() {
    return handle.pid();
  }

  Path sandbox() {
    return sandbox;
  }

  boolean isAdopted() {
    return child == null;
  }

  /** Completes on a JDK thread when the main process exits; hop back to a context to use it. */
  CompletableFuture<?> onExit() {
    return child != null ? child.onExit() : adoptedExit;
  }

  boolean isAlive() {
    return child != null ? child.isAlive() : !adoptedExit.isDone();
  }

  /** Blocking for an adopted process (reads its exit status file). */
  int exitValue() {
    return child != null ? child.exitValue() : adoptedExitStatus.getAsInt();
  }

  /** Polite stop: the group gets SIGTERM, and so does the leader itself in case it has not yet
   * made its group (a kill in the first microseconds after start). */
  void terminate() {
    ProcessGroups.signal(handle.pid(), ProcessGroups.Signal.TERM);
    handle.destroy();
  }

  /**
   * SIGKILL to the group, plus to every descendant seen now: a descendant that moved to a group
   * of its own would otherwise survive.
   */
  void kill() {
    List<ProcessHandle> descendants = handle.descendants().toList();
    ProcessGroups.signal(handle.pid(), ProcessGroups.Signal.KILL);
    handle.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** After the leader exited: whatever it left in its group dies with it, as in Mesos. */
  void killLeftovers() {
    ProcessGroups.signal(handle.pid(), ProcessGroups.Signal.KILL);
  }
}
