package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meseta agents|frameworks|tasks|roles|state} against a real cluster with one framework
 * and one running task: tables by default, the master's JSON with {@code --json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterViewsCommandTest {
  @TempDir
  static Path work;
  private TestCluster cluster;
  private TestFramework framework;

  @BeforeAll
  void startClusterWithARunningTask() throws Exception {
    cluster = TestCluster.start(2, "cpus:2;mem:1024", work);
    framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("viewed", 0, false));
    framework.start();
    framework.submit("sleeper", "sleep 60");
    framework.awaitState("sleeper", TaskState.TASK_RUNNING, Duration.ofSeconds(20));
  }

  @AfterAll
  void stopCluster() throws Exception {
    framework.close();
    cluster.close();
  }

  private static CliRun meseta(String... args) {
    return CliRun.capturingSystemOut(args);
  }

  @Test
  void agentsAreATableWithAlignedColumnsAndTheirTasks() {
    CliRun run = meseta("agents", "--master", cluster.masterAddress());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("ID").contains("HOSTNAME", "ACTIVE", "CPUS", "MEM",
        "TASKS");
    int hostnameColumn = lines.get(0).indexOf("HOSTNAME");
    assertThat(lines.get(1).substring(hostnameColumn)).startsWith("127.0.0.1  ");
    // The sleeper holds 0.1 cpus and 32 MB on one agent; the other is idle.
    assertThat(lines.subList(1, 3)).anySatisfy(line ->
        assertThat(line).contains("0.1/2", "32/1024").endsWith(" 1"));
    assertThat(lines.subList(1, 3)).anySatisfy(line ->
        assertThat(line).contains("0/2", "0/1024").endsWith(" 0"));
  }

  @Test
  void frameworksTasksRolesAndStateAreTables() {
    CliRun frameworks = meseta("frameworks", "--master", cluster.masterAddress());
    assertThat(frameworks.exitCode()).as(frameworks.err()).isZero();
    assertThat(frameworks.lines().get(0)).startsWith("ID").contains("NAME", "ROLE", "TASKS");
    assertThat(frameworks.lines()).hasSize(2);
    assertThat(frameworks.lines().get(1)).contains("viewed", "true");

    CliRun tasks = meseta("tasks", "--master", cluster.masterAddress());
    assertThat(tasks.exitCode()).as(tasks.err()).isZero();
    assertThat(tasks.lines().get(0)).startsWith("ID").contains("STATE", "AGENT");
    assertThat(tasks.lines().get(1)).startsWith("sleeper").contains("RUNNING");

    CliRun roles = meseta("roles", "--master", cluster.masterAddress());
    assertThat(roles.exitCode()).as(roles.err()).isZero();
    assertThat(roles.lines().get(0)).startsWith("NAME").contains("WEIGHT", "FRAMEWORKS");
    assertThat(roles.lines()).anySatisfy(line -> assertThat(line).startsWith("*"));

    CliRun state = meseta("state", "--master", cluster.masterAddress());
    assertThat(state.exitCode()).as(state.err()).isZero();
    assertThat(state.out()).contains("2 active, 0 unreachable", "1 registered", "1 running",
        "0.1/4 used");
  }

  @Test
  void jsonIsTheMastersOwn() {
    CliRun run = meseta("agents", "--master", cluster.masterAddress(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(new JsonObject(run.out()).getJsonArray("slaves")).hasSize(2);

    CliRun state = meseta("state", "--json", "--master", cluster.masterAddress());
    assertThat(new JsonObject(state.out()).getInteger("activated_slaves")).isEqualTo(2);
  }

  @Test
  void anUnreachableMasterExitsThreeAndSaysSo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CliRun run = meseta("tasks", "--master", "127.0.0.1:" + closedPort);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("cannot reach the master at 127.0.0.1:" + closedPort);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void badFlagsExitTwoAndSayWhatToFix() {
    CliRun address = meseta("agents", "--master", "localhost");
    assertThat(address.exitCode()).isEqualTo(2);
    assertThat(address.err()).contains("--master must be HOST:PORT");

    CliRun unknown = meseta("frameworks", "--master", cluster.masterAddress(), "--colour");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--colour");

    CliRun limit = meseta("tasks", "--master", cluster.masterAddress(), "--limit", "0");
    assertThat(limit.exitCode()).isEqualTo(2);
    assertThat(limit.err()).contains("--limit must be at least 1");
  }
}
