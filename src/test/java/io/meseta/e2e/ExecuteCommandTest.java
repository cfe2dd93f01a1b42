package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code meseta execute} against a real cluster: its exit code says how the tasks ended. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecuteCommandTest {
  @TempDir
  static Path work;
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(1, "cpus:2;mem:1024", work);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private static CliRun execute(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "execute";
    System.arraycopy(args, 0, full, 1, args.length);
    return CliRun.capturingSystemOut(full);
  }

  @Test
  void exitsZeroWhenEveryTaskFinishes() {
    CliRun run = execute("--master", cluster.masterAddress(), "--command", "true",
        "--instances", "3", "--name", "ok");
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("TASK_RUNNING").contains("TASK_FINISHED for task 'ok-2'");
  }

  @Test
  void aProgressBarCountsTasksByState() {
    CliRun run = execute("--master", cluster.masterAddress(), "--command", "true",
        "--instances", "4", "--name", "bar", "--progress");
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("\r[").contains("] 4/4 finished")
        .doesNotContain("Received status update");
  }

  @Test
  void exitsOneAndSaysWhyWhenATaskFails() {
    CliRun run = execute("--master", cluster.masterAddress(), "--command", "exit 7",
        "--name", "bad");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("TASK_FAILED for task 'bad'").contains("status 7");
  }

  @Test
  void exitsTwoOnABadFlagAndNamesIt() {
    CliRun run = execute("--master", cluster.masterAddress(), "--command", "true",
        "--instances", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--instances must be at least 1");
  }

  @Test
  void exitsThreeWhenNoMasterAnswers() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CliRun run = execute("--master", "127.0.0.1:" + closedPort, "--command", "true",
        "--timeout", "20s");
    assertThat(run.exitCode()).isEqualTo(3);
  }
}
