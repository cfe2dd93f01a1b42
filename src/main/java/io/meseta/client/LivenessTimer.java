package io.meseta.client;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Declares one connection dead when no event arrived for the timeout. Re-arming a timer per event
 * would cost a timer operation per OFFERS or UPDATE; instead one timer fires per period and
 * re-arms for the time still left. Used on the driver's context only.
 */
final class LivenessTimer {
  private final Vertx vertx;
  private final long timeoutMillis;
  private final LongConsumer onSilence;
  private long lastEventNanos;
  private long timerId = -1;
  private boolean active;

  /** @param onSilence called once with the silent milliseconds when the timeout is reached */
  LivenessTimer(Vertx vertx, long timeoutMillis, LongConsumer onSilence) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
    this.onSilence = onSilence;
  }

  void start() {
    active = true;
    lastEventNanos = System.nanoTime();
    arm(timeoutMillis);
  }

  void eventArrived() {
    lastEventNanos = System.nanoTime();
  }

  void stop() {
    active = false;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void arm(long delayMillis) {
    timerId = vertx.setTimer(Math.max(1, delayMillis), id -> {
      timerId = -1;
      if (!active) {
        return;
      }
      long silent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastEventNanos);
      if (silent < timeoutMillis) {
        arm(timeoutMillis - silent);
      } else {
        active = false;
        onSilence.accept(silent);
      }
    });
  }
}
