package io.meseta.jobs;

import java.time.Duration;

/**
 * What to do when a job's task fails or is lost: run the whole job again up to
 * {@code maxRetries} more times, each time after waiting {@code backoff}.
 */
public record RestartPolicy(int maxRetries, Duration backoff) {
  /** More retries than this is a loop, not a policy. */
  public static final int MAX_RETRIES = 100;

  public static final RestartPolicy NEVER = new RestartPolicy(0, Duration.ZERO);

  public RestartPolicy {
    if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
      throw new IllegalArgumentException("restart.max_retries must be 0.." + MAX_RETRIES
          + ", got " + maxRetries);
    }
    if (backoff == null || backoff.isNegative()) {
      throw new IllegalArgumentException("restart.backoff must be zero or positive, e.g. \"5s\","
          + " got " + backoff);
    }
  }
}
