package io.meseta.jobs;

import io.meseta.core.model.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One job and where it is in its life: PENDING → STAGING → RUNNING → FINISHED | FAILED | KILLED.
 * A failure with retries left sends it back to PENDING, not before {@code notBefore}. Immutable:
 * each transition returns the new job and the tasks someone must kill (the rest of a gang when
 * one member fails, every live task when the user kills the job); the caller carries that out.
 *
 * @param sequence submission order, the tie-breaker of every queue policy
 * @param attempt 0 for the first run, n for the n-th retry
 * @param tasks the tasks of the current attempt (empty while pending)
 * @param message why the job is in its state, for people (e.g. the last failure)
 * @param moves how often defragmentation moved it (requeued it; not counted as a retry)
 */
public record Job(
    JobId id,
    JobSpec spec,
    long sequence,
    Instant submittedAt,
    State state,
    int attempt,
    Instant notBefore,
    List<TaskRun> tasks,
    String message,
    Instant startedAt,
    Instant endedAt,
    int moves) {

  public enum State {
    PENDING, STAGING, RUNNING, FINISHED, FAILED, KILLED;

    public boolean terminal() {
      return this == FINISHED || this == FAILED || this == KILLED;
    }
  }

  /** A task's last known phase, folded from Mesos task states. */
  public enum TaskPhase {
    STAGING, RUNNING, FINISHED, FAILED, KILLED, LOST;

    public boolean terminal() {
      return this != STAGING && this != RUNNING;
    }
  }

  /** One task of the current attempt, with the agent's address for reading its sandbox. */
  public record TaskRun(int index, String taskId, AgentId agentId, String agentHost,
      int agentPort, TaskPhase phase) {
    TaskRun withPhase(TaskPhase newPhase) {
      return new TaskRun(index, taskId, agentId, agentHost, agentPort, newPhase);
    }
  }

  /** The job after a change, and the live tasks that must now be killed. */
  public record Transition(Job job, List<TaskRun> toKill) {
    static Transition of(Job job) {
      return new Transition(job, List.of());
    }
  }

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    tasks = List.copyOf(tasks);
  }

  /** A job never moved. */
  public Job(JobId id, JobSpec spec, long sequence, Instant submittedAt, State state, int attempt,
      Instant notBefore, List<TaskRun> tasks, String message, Instant startedAt,
      Instant endedAt) {
    this(id, spec, sequence, submittedAt, state, attempt, notBefore, tasks, message, startedAt,
        endedAt, 0);
  }

  /**
   * Its task was killed to open a hole for a larger job: pending again at once, with the same
   * attempt (a move is not a failure), and a new task id next time. Only a live single-task job
   * can be moved; anything else is returned unchanged.
   */
  public Transition moved(String taskId, String why) {
    if (state.terminal() || state == State.PENDING || tasks.size() != 1 || indexOf(taskId) < 0) {
      return Transition.of(this);
    }
    return Transition.of(new Job(id, spec, sequence, submittedAt, State.PENDING, attempt, null,
        List.of(), why, startedAt, null, moves + 1));
  }

  public static Job submitted(JobId id, JobSpec spec, long sequence, Instant now) {
    return new Job(id, spec, sequence, now, State.PENDING, 0, null, List.of(),
        "waiting to be placed", null, null);
  }

  /** Pending and past its retry backoff: a placement round may start it at {@code now}. */
  public boolean readyAt(Instant now) {
    return state == State.PENDING && (notBefore == null || !now.isBefore(notBefore));
  }

  /** Task ids are unique per framework forever, so a retry gets a new one. */
  public String taskId(int index) {
    return id.value() + "-" + index + (attempt == 0 ? "" : "-retry" + attempt)
        + (moves == 0 ? "" : "-move" + moves);
  }

  /** Every task of the gang was launched together. */
  public Job launched(List<TaskRun> runs, Instant now) {
    if (state != State.PENDING) {
      throw new IllegalStateException("job " + id + " is " + state + "; only a PENDING job starts");
    }
    if (runs.size() != spec.gangSize()) {
      throw new IllegalArgumentException("job " + id + " needs " + spec.gangSize()
          + " tasks launched together, got " + runs.size());
    }
    return with(State.STAGING, attempt, null, runs, "launched", startedAt, null);
  }

  /** A status update of one of this job's tasks; updates of earlier attempts change nothing. */
  public Transition taskChanged(String taskId, TaskPhase phase, String detail, Instant now) {
    int at = indexOf(taskId);
    if (at < 0) {
      return Transition.of(this);
    }
    List<TaskRun> runs = new ArrayList<>(tasks);
    runs.set(at, runs.get(at).withPhase(phase));
    if (state.terminal() || state == State.PENDING) {
      return Transition.of(with(state, attempt, notBefore, runs, message, startedAt, endedAt));
    }
    if (phase == TaskPhase.FAILED || phase == TaskPhase.LOST
        || phase == TaskPhase.KILLED) {
      return failed(runs, "task " + taskId + " " + phase
          + (detail == null || detail.isBlank() ? "" : ": " + detail), now);
    }
    if (runs.stream().allMatch(r -> r.phase() == TaskPhase.FINISHED)) {
      return Transition.of(with(State.FINISHED, attempt, null, runs, "every task finished",
          startedAt, now));
    }
    boolean allStarted = runs.stream().noneMatch(r -> r.phase() == TaskPhase.STAGING);
    State next = allStarted ? State.RUNNING : State.STAGING;
    return Transition.of(with(next, attempt, null, runs, message,
        next == State.RUNNING && startedAt == null ? now : startedAt, null));
  }

  /** The user's kill: final at once; live tasks are to be killed. */
  public Transition kill(Instant now) {
    if (state.terminal()) {
      return Transition.of(this);
    }
    List<TaskRun> live = tasks.stream().filter(r -> !r.phase().terminal()).toList();
    return new Transition(with(State.KILLED, attempt, null, tasks, "killed by request",
        startedAt, now), live);
  }

  private Transition failed(List<TaskRun> runs, String why, Instant now) {
    // A gang runs together or not at all: one member down means the others are useless.
    List<TaskRun> survivors = runs.stream().filter(r -> !r.phase().terminal()).toList();
    RestartPolicy restart = spec.restart();
    if (attempt < restart.maxRetries()) {
      Instant retryAt = now.plus(restart.backoff());
      String note = "attempt " + (attempt + 1) + " of " + (restart.maxRetries() + 1) + " failed ("
          + why + "); retrying after " + retryAt;
      return new Transition(with(State.PENDING, attempt + 1, retryAt, List.of(), note,
          startedAt, null), survivors);
    }
    String note = restart.maxRetries() == 0 ? why
        : why + " (after " + (restart.maxRetries() + 1) + " attempts)";
    return new Transition(with(State.FAILED, attempt, null, runs, note, startedAt, now),
        survivors);
  }

  private int indexOf(String taskId) {
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).taskId().equals(taskId)) {
        return i;
      }
    }
    return -1;
  }

  private Job with(State newState, int newAttempt, Instant newNotBefore, List<TaskRun> newTasks,
      String newMessage, Instant newStartedAt, Instant newEndedAt) {
    return new Job(id, spec, sequence, submittedAt, newState, newAttempt, newNotBefore, newTasks,
        newMessage, newStartedAt, newEndedAt, moves);
  }
}
