package io.meseta.jobs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every job the service knows, indexed by the task ids of their current attempts, with the last
 * placement round's verdict for each pending one. Keeps at most {@code finishedToKeep} ended jobs
 * (oldest forgotten first) so a long-lived master does not grow without bound. Not thread-safe:
 * it lives on the job service's context.
 */
final class JobBook {
  private final Map<JobId, Job> jobs = new LinkedHashMap<>();
  private final Map<String, JobId> byTask = new HashMap<>();
  private final Map<JobId, WhyPending> why = new HashMap<>();
  private final Deque<JobId> ended = new ArrayDeque<>();
  private final int finishedToKeep;
  private long nextNumber = 1;

  JobBook(int finishedToKeep) {
    this.finishedToKeep = finishedToKeep;
  }

  Job submit(JobSpec spec, Instant now) {
    long n = nextNumber++;
    Job job = Job.submitted(JobId.numbered(n), spec, n, now);
    jobs.put(job.id(), job);
    return job;
  }

  Optional<Job> get(JobId id) {
    return Optional.ofNullable(jobs.get(id));
  }

  Optional<WhyPending> why(JobId id) {
    return Optional.ofNullable(why.get(id));
  }

  /** In submission order; {@code state} null for all. */
  List<Job> list(Job.State state) {
    return jobs.values().stream().filter(j -> state == null || j.state() == state).toList();
  }

  List<Job> pending() {
    return list(Job.State.PENDING);
  }

  boolean anyPending() {
    return jobs.values().stream().anyMatch(j -> j.state() == Job.State.PENDING);
  }

  /** The earliest retry time of a job waiting out its backoff. */
  Optional<Instant> earliestRetry(Instant now) {
    return jobs.values().stream()
        .filter(j -> j.state() == Job.State.PENDING && !j.readyAt(now))
        .map(Job::notBefore).min(Instant::compareTo);
  }

  void launched(Job job, List<Job.TaskRun> runs, Instant now) {
    Job started = job.launched(runs, now);
    runs.forEach(r -> byTask.put(r.taskId(), job.id()));
    why.remove(job.id());
    jobs.put(job.id(), started);
  }

  void explained(Map<JobId, WhyPending> verdicts) {
    why.putAll(verdicts);
  }

  Optional<Job.Transition> kill(JobId id, Instant now) {
    return get(id).map(job -> record(job.kill(now)));
  }

  /** Empty when the task belongs to no job the service still knows. */
  Optional<Job.Transition> taskChanged(String taskId, Job.TaskPhase phase, String detail,
      Instant now) {
    JobId owner = byTask.get(taskId);
    if (owner == null || !jobs.containsKey(owner)) {
      return Optional.empty();
    }
    return Optional.of(record(jobs.get(owner).taskChanged(taskId, phase, detail, now)));
  }

  /** Defragmentation killed the task to move its job: the job is requeued, not failed. */
  Optional<Job.Transition> moved(String taskId, String why) {
    JobId owner = byTask.get(taskId);
    if (owner == null || !jobs.containsKey(owner)) {
      return Optional.empty();
    }
    return Optional.of(record(jobs.get(owner).moved(taskId, why)));
  }

  /** Task ids of the current attempts of every job that has not ended, for reconciliation. */
  List<String> liveTaskIds() {
    List<String> ids = new ArrayList<>();
    jobs.values().forEach(j -> j.tasks().stream().filter(r -> !r.phase().terminal())
        .forEach(r -> ids.add(r.taskId())));
    return ids;
  }

  private Job.Transition record(Job.Transition transition) {
    Job job = transition.job();
    Job before = jobs.put(job.id(), job);
    if (job.state() != Job.State.PENDING) {
      why.remove(job.id());
    }
    if (job.state().terminal() && before != null && !before.state().terminal()) {
      ended.addLast(job.id());
      while (ended.size() > finishedToKeep) {
        forget(ended.removeFirst());
      }
    }
    return transition;
  }

  private void forget(JobId id) {
    Job job = jobs.remove(id);
    why.remove(id);
    if (job != null) {
      byTask.values().removeIf(id::equals);
    }
  }
}
