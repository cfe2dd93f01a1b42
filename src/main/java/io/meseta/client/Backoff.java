package io.meseta.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Randomized exponential backoff: attempt n waits a random time in [d/2, d] with
 * d = min(200 ms * 2^n, max). The randomness keeps a fleet of frameworks that lost the same master
 * from re-subscribing in lockstep.
 */
final class Backoff {
  static final long INITIAL_MILLIS = 200;

  private final long maxMillis;
  private final RandomGenerator random;

  Backoff(Duration max, RandomGenerator random) {
    this.maxMillis = Math.max(1, max.toMillis());
    this.random = random;
  }

  long delayMillis(int attempt) {
    long ceiling = attempt >= 20 ? maxMillis : Math.min(maxMillis, INITIAL_MILLIS << attempt);
    long floor = ceiling / 2;
    return floor + random.nextLong(ceiling - floor + 1);
  }
}
