package io.meseta.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Polls a condition until it holds; fails with a message naming what never happened. */
public final class Awaits {
  private Awaits() {}

  public static void until(String what, Duration limit, Callable<Boolean> condition) throws Exception {
    until(() -> what, limit, condition);
  }

  /** {@code what} is evaluated when the wait fails, so it can describe the state at that time. */
  public static void until(Supplier<String> what, Duration limit, Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out after " + limit + " waiting for " + what.get(), last);
  }
}
