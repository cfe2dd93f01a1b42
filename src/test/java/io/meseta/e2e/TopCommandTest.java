package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meseta top --once}: the cluster on one screen, with the numbers the master reports. */
class TopCommandTest {
  @TempDir
  Path work;

  @Test
  void showsResourcesAgentsAndTasks() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:2;mem:512", work);
        TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("busy", 0, false))) {
      framework.start();
      framework.submit("sleeping", "sleep 600");
      framework.awaitState("sleeping", TaskState.TASK_RUNNING, Duration.ofSeconds(20));

      String[] top = run("top", "--master", cluster.masterAddress(), "--once");
      assertThat(top[0]).isEqualTo("0");
      assertThat(top[1]).contains("cpus            0.1          2.0    5.0%")
          .contains("active 1").contains("running 1");
    }
  }

  @Test
  void saysWhenTheMasterCannotBeReached() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String[] top = run("top", "--master", "127.0.0.1:" + closed, "--once");
    assertThat(top[0]).isEqualTo("3");
    assertThat(top[2]).contains("cannot reach the master");
  }

  private static String[] run(String... args) {
    CliRun run = CliRun.capturingCommandOut(args);
    return new String[] {Integer.toString(run.exitCode()), run.out(), run.err()};
  }
}
