package io.meseta.jobs;

import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test helpers: jobs submitted at a given minute, with a priority or a declared runtime. */
final class Jobs {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private Jobs() {}

  static Instant minute(double m) {
    return T0.plusMillis((long) (m * 60_000));
  }

  static JobSpec spec(String name, int priority, Duration runtime, String queue) {
    return new JobSpec(name, "true", Resources.parse("cpus:1"), priority, runtime, List.of(),
        RestartPolicy.NEVER, 1, queue);
  }

  static Job job(long seq, String name, int priority, Duration runtime, double submittedMinute) {
    return Job.submitted(JobId.numbered(seq), spec(name, priority, runtime, null), seq,
        minute(submittedMinute));
  }

  static Job inQueue(long seq, String name, String queue) {
    return Job.submitted(JobId.numbered(seq), spec(name, 0, null, queue), seq, T0);
  }

  static List<String> names(List<Job> jobs) {
    return jobs.stream().map(j -> j.spec().name()).toList();
  }
}
