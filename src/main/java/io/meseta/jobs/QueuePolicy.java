package io.meseta.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * The order in which a queue's pending jobs are considered. Every policy breaks ties by
 * submission order, so an order is total and reproducible.
 */
public enum QueuePolicy {
  /** First come, first served. */
  FCFS {
    @Override
    public Comparator<Job> order(Instant now, double agingPerMinute) {
      return BY_SUBMISSION;
    }
  },
  /** Shortest declared runtime first; jobs that declare none go last (in submission order). */
  SJF {
    @Override
    public Comparator<Job> order(Instant now, double agingPerMinute) {
      return Comparator.<Job, Duration>comparing(j -> j.spec().estimatedRuntime(),
          Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(BY_SUBMISSION);
    }
  },
  /**
   * Highest effective priority first, where waiting adds {@code agingPerMinute} per minute: a
   * job of priority 0 overtakes one of priority 10 submitted now after 10 / rate minutes, so a
   * steady stream of important work cannot starve the rest.
   */
  PRIORITY {
    @Override
    public Comparator<Job> order(Instant now, double agingPerMinute) {
      return Comparator.<Job>comparingDouble(j -> -effectivePriority(j, now, agingPerMinute))
          .thenComparing(BY_SUBMISSION);
    }
  };

  private static final Comparator<Job> BY_SUBMISSION = Comparator.comparingLong(Job::sequence);

  public abstract Comparator<Job> order(Instant now, double agingPerMinute);

  /** Declared priority plus the aging earned while waiting since submission. */
  public static double effectivePriority(Job job, Instant now, double agingPerMinute) {
    long waitedMillis = Math.max(0, Duration.between(job.submittedAt(), now).toMillis());
    return job.spec().priority() + agingPerMinute * waitedMillis / 60_000.0;
  }

  public static QueuePolicy parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown queue policy '" + name + "'; use one of fcfs, sjf, priority");
    }
  }
}
