package io.meseta.e2e;

import io.meseta.examples.EchoExecutor;
import io.meseta.executor.ExecutorDriver;
import org.apache.mesos.v1.Protos.AgentInfo;

/** An echo executor that says on stdout when it loses its agent and when it subscribes again. */
final class RecoveringExecutor {
  private RecoveringExecutor() {}

  public static void main(String[] args) {
    System.exit(ExecutorDriver.run(new EchoExecutor() {
      @Override
      public void disconnected(ExecutorDriver driver) {
        System.out.println("disconnected");
      }

      @Override
      public void reregistered(ExecutorDriver driver, AgentInfo agent) {
        System.out.println("reregistered with agent " + agent.getId().getValue());
      }
    }));
  }
}
