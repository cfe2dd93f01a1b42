package io.meseta.loadtest.fuzz;

import io.vertx.core.Future;
import java.util.Random;

/** One entry point under fuzz: makes and sends one input at a time per worker. */
interface EntryPoint extends AutoCloseable {

  String name();

  /**
   * Sends one input made from {@code random} on worker {@code worker}'s connection; resolves with
   * how the system answered, never fails (a transport failure is an outcome too).
   */
  Future<Outcome> send(int worker, Random random);

  /** Cleans up after a batch (e.g. kills the jobs the batch created). */
  default Future<Void> afterBatch() {
    return Future.succeededFuture();
  }

  @Override
  default void close() {}

  /**
   * How one input was answered. {@code label} groups answers (an HTTP status, an event type);
   * {@code serverError} marks a failure that input must never cause; {@code input} is kept for the
   * report when it does.
   */
  record Outcome(String label, boolean serverError, String input) {

    static Outcome of(String label) {
      return new Outcome(label, false, null);
    }
  }
}
