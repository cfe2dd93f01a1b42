package io.meseta.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A started task: its main process, which leads its own session and process group (so
 * {@code pid} is also the group id). The signalling methods block briefly (they spawn
 * {@code kill}); call them off the event loop.
 */
final class TaskProcess {
  private final Process process;
  private final Path sandbox;

  TaskProcess(Process process, Path sandbox) {
    this.process = process;
    this.sandbox = sandbox;
  }

  long pid() {
    return process.pid();
  }

  Path sandbox() {
    return sandbox;
  }

  /** Completes on a JDK thread when the main process exits; hop back to a context to use it. */
  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  /** Polite stop: the group gets SIGTERM, and so does the leader itself in case it has not yet
   * made its group (a kill in the first microseconds after start). */
  void terminate() {
    ProcessGroups.signal(process.pid(), ProcessGroups.Signal.TERM);
    process.destroy();
  }

  /**
   * SIGKILL to the group, plus to every descendant seen now: a descendant that moved to a group
   * of its own would otherwise survive.
   */
  void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    ProcessGroups.signal(process.pid(), ProcessGroups.Signal.KILL);
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** After the leader exited: whatever it left in its group dies with it, as in Mesos. */
  void killLeftovers() {
    ProcessGroups.signal(process.pid(), ProcessGroups.Signal.KILL);
  }
}
