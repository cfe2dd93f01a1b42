package io.meseta.master.allocation;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Brings a store's answer back to the allocator's context, where alone its state is touched. */
final class ContextHop {
  private ContextHop() {}

  /** Store adapters may complete on their own threads; the allocator is touched on ours only. */
  static <T> Future<T> onContext(Context context, Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        promise.handle(result);
      } else {
        context.runOnContext(v -> promise.handle(result));
      }
    });
    return promise.future();
  }
}
