package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meseta logs}: a task's output through the master, followed until the task ends. */
class LogsCommandTest {
  @TempDir
  Path work;

  @Test
  void followPrintsWhatTheTaskWritesUntilItEnds() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:1;mem:256", work);
        TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("talker", 0, false))) {
      framework.start();
      framework.submit("talks", "echo first line; sleep 1; echo second line; echo oops >&2");
      framework.awaitState("talks", TaskState.TASK_RUNNING, Duration.ofSeconds(20));

      String[] followed = run("logs", "--master", cluster.masterAddress(), "--follow", "talks");
      assertThat(followed[0]).isEqualTo("0");
      assertThat(followed[1]).isEqualTo("first line\nsecond line\n");

      String[] errors = run("logs", "--master", cluster.masterAddress(), "--stderr", "talks");
      assertThat(errors[1]).isEqualTo("oops\n");

      String[] unknown = run("logs", "--master", cluster.masterAddress(), "nobody");
      assertThat(unknown[0]).isEqualTo("1");
      assertThat(unknown[2]).contains("no task 'nobody'");
    }
  }

  private static String[] run(String... args) {
    CliRun run = CliRun.capturingCommandOut(args);
    return new String[] {Integer.toString(run.exitCode()), run.out(), run.err()};
  }
}
