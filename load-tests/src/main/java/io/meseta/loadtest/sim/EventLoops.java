package io.meseta.loadtest.sim;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Spreads simulated clients over the generator's event loops. A connection opened from a plain thread would
 * land on one event loop for all clients; opened from a context, its socket, handlers and timers stay on that
 * context's loop, so starting client {@code i} on context {@code i mod n} uses every loop.
 */
public final class EventLoops {
  private final List<ContextInternal> contexts = new ArrayList<>();
  private int next;

  public EventLoops(Vertx vertx, int loops) {
    for (int i = 0; i < loops; i++) {
      // Each new event-loop context takes the next loop of the Vert.x instance, round robin.
      contexts.add(((VertxInternal) vertx).createEventLoopContext());
    }
  }

  /** Runs {@code start} on the next context and hands back its outcome. */
  public synchronized <T> Future<T> start(Supplier<Future<T>> start) {
    ContextInternal context = contexts.get(next++ % contexts.size());
    Promise<T> outcome = Promise.promise();
    context.runOnContext(v -> start.get().onComplete(outcome));
    return outcome.future();
  }
}
