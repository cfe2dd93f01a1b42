package io.meseta.e2e;

import io.meseta.examples.EchoExecutor;
import io.meseta.executor.ExecutorDriver;

/** An echo executor that ignores SHUTDOWN: the agent must SIGKILL it after the grace period. */
final class StubbornExecutor {
  private StubbornExecutor() {}

  public static void main(String[] args) {
    System.exit(ExecutorDriver.run(new EchoExecutor() {
      @Override
      public void shutdown(ExecutorDriver driver) {
        System.out.println("ignoring SHUTDOWN");
      }
    }));
  }
}
