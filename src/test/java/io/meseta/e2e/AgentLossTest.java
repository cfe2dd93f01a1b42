package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process that dies: its tasks are reported TASK_LOST to ordinary frameworks and
 * TASK_UNREACHABLE to partition-aware ones, by the master, with a reason.
 */
class AgentLossTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path work;

  @Test
  void killingAnAgentProcessReportsItsTasksLostOrUnreachable() throws Exception {
    try (TestCluster cluster = TestCluster.start(0, "", work);
        ForkedAgent agent = new ForkedAgent(cluster.masterAddress(),
            Files.createDirectories(work.resolve("forked")), "cpus:2;mem:512");
        TestFramework plain = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("plain", 0, false));
        TestFramework aware = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("aware", 0, true))) {
      cluster.awaitAgents(1);
      plain.start();
      aware.start();
      plain.submit("plain-task", "sleep 600");
      aware.submit("aware-task", "sleep 600");
      plain.awaitState("plain-task", TaskState.TASK_RUNNING, WAIT);
      aware.awaitState("aware-task", TaskState.TASK_RUNNING, WAIT);

      agent.kill();

      plain.awaitState("plain-task", TaskState.TASK_LOST, WAIT);
      aware.awaitState("aware-task", TaskState.TASK_UNREACHABLE, WAIT);
      for (TaskStatus status : new TaskStatus[] {
          plain.last("plain-task", TaskState.TASK_LOST),
          aware.last("aware-task", TaskState.TASK_UNREACHABLE)}) {
        assertThat(status.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(status.hasUuid()).isFalse();
      }
      JsonObject slave = cluster.state().getJsonArray("slaves").getJsonObject(0);
      assertThat(slave.getBoolean("active")).isFalse();
    }
  }
}
