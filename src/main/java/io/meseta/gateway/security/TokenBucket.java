package io.meseta.gateway.security;

import java.time.Duration;

/**
 * A token bucket: {@code burst} tokens, refilled at {@code perSecond}; each message or request
 * takes one. Pure arithmetic on the nanosecond times its caller passes in (the clock is the
 * caller's), so tests drive it with a fake clock. Synchronized: a bucket keyed by principal is
 * shared by the gateway instances of a node, each on its own event loop.
 */
public final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double perNano;
  private final double burst;
  private double tokens;
  private long refilledAt;

  public TokenBucket(double perSecond, int burst, long nowNanos) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("A rate limit needs a positive rate and a burst of at"
          + " least 1, got " + perSecond + "/s burst " + burst);
    }
    this.perNano = perSecond / NANOS_PER_SECOND;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  /** Takes one token if there is one. */
  public synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** How long until the next token: what a 429's {@code Retry-After} says. */
  public synchronized Duration untilNext(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
  }

  /** Full again: its owner has been quiet long enough to forget it. */
  public synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - refilledAt;
    if (elapsed > 0) { // a clock that steps back refills nothing
      tokens = Math.min(burst, tokens + elapsed * perNano);
      refilledAt = nowNanos;
    }
  }
}
