package io.meseta.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a principal, or a remote address): the HTTP request rate of a
 * master node, shared by its gateway instances. Buckets of quiet keys are forgotten when the
 * map grows, so a stream of new addresses cannot grow it without bound.
 */
public final class KeyedRateLimiter implements io.vertx.core.shareddata.Shareable {
  private static final int FORGET_ABOVE = 10_000;

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final int perSecond;
  private final int burst;
  private final LongSupplier nanoClock;

  public KeyedRateLimiter(int perSecond, int burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** The limit in words, for error messages. */
  public String describe() {
    return perSecond + " per second (burst " + burst + ")";
  }

  /** Empty when {@code key} may go on; else how long it should wait. */
  public java.util.Optional<Duration> take(String key) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > FORGET_ABOVE) {
      buckets.values().removeIf(bucket -> bucket.full(now));
    }
    TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
    return bucket.tryTake(now) ? java.util.Optional.empty()
        : java.util.Optional.of(bucket.untilNext(now));
  }
}
