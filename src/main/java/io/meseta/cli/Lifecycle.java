package io.meseta.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** Process-level plumbing shared by the long-running commands. */
final class Lifecycle {
  private Lifecycle() {}

  /** Closing Vert.x undeploys every verticle, and agents kill their tasks as they stop. */
  static void closeOnShutdown(Vertx vertx) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("meseta: clean shutdown did not finish: " + e);
      }
    }, "meseta-shutdown"));
  }

  static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
