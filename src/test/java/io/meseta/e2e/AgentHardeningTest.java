package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code meseta agent} process (as root: with its default {@code --switch-user}) whose
 * environment holds a secret: tasks see none of it, run as the user their framework names,
 * and fail clearly for a user that does not exist or for root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentHardeningTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String SECRET = "MESETA_TEST_SECRET_TOKEN";
  @TempDir
  static Path work;
  private TestCluster cluster;
  private ForkedAgent agent;
  private boolean root;

  @BeforeAll
  void start() throws Exception {
    root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    cluster = TestCluster.start(0, "", work);
    // As root the agent switches users by default (like Mesos); otherwise tasks run as it.
    agent = new ForkedAgent(Map.of(SECRET, "hunter2"), cluster.masterAddress(),
        work.resolve("forked"), "cpus:2;mem:1024;disk:100", 0,
        root ? "--switch-user" : "--no-switch-user");
    cluster.awaitAgents(1);
  }

  @AfterAll
  void stop() throws Exception {
    agent.close();
    cluster.close();
  }

  private TestFramework framework(String name, String user) throws Exception {
    FrameworkInfo info = TestFramework.info(name, 0, false).toBuilder().setUser(user).build();
    TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(), info);
    framework.start();
    return framework;
  }

  private String stdout(TestFramework framework, String taskId) throws Exception {
    String frameworkId = framework.driver.frameworkId().orElseThrow().getValue();
    return Files.readString(work.resolve("forked").resolve("sandboxes").resolve(frameworkId)
        .resolve(taskId).resolve("stdout"));
  }

  @Test
  void theAgentsEnvironmentDoesNotLeakIntoTasks() throws Exception {
    String user = root ? "nobody" : System.getProperty("user.name");
    try (TestFramework framework = framework("env", user)) {
      framework.submit("print-env", "env");
      framework.awaitState("print-env", TaskState.TASK_FINISHED, WAIT);
      String env = stdout(framework, "print-env");
      assertThat(env).contains("MESOS_TASK_ID=print-env", "PATH=", "HOME=", "USER=" + user)
          .doesNotContain(SECRET).doesNotContain("hunter2").doesNotContain("JAVA_HOME")
          .doesNotContain("CLASSPATH");
    }
  }

  @Test
  void aTaskRunsAsTheUserItsFrameworkNames() throws Exception {
    Assumptions.assumeTrue(root, "switching users needs the agent to run as root; this test"
        + " runs as " + System.getProperty("user.name") + ", so it is skipped");
    try (TestFramework framework = framework("as-nobody", "nobody")) {
      framework.submit("whoami", "id -un; touch owned-by-me && ls -n owned-by-me");
      framework.awaitState("whoami", TaskState.TASK_FINISHED, WAIT);
      assertThat(stdout(framework, "whoami")).startsWith("nobody\n");
    }
  }

  @Test
  void aUserThatDoesNotExistFailsTheTaskSayingSo() throws Exception {
    Assumptions.assumeTrue(root, "switching users needs the agent to run as root; skipped");
    assertThat(failureOfATaskRunAs("no-such-user-9"))
        .contains("user 'no-such-user-9' does not exist");
  }

  @Test
  void rootTasksAreRefusedUnlessAllowed() throws Exception {
    Assumptions.assumeTrue(root, "the root refusal applies to agents running as root; skipped");
    assertThat(failureOfATaskRunAs("root")).contains("--allow-root-tasks");
  }

  /** The message of the TASK_FAILED a task of a framework with this user ends with. */
  private String failureOfATaskRunAs(String user) throws Exception {
    try (TestFramework framework = framework("as-" + user, user)) {
      framework.submit("task-of-" + user, "true");
      framework.awaitState("task-of-" + user, TaskState.TASK_FAILED, WAIT);
      List<TaskStatus> updates = framework.updates.get("task-of-" + user);
      return updates.get(updates.size() - 1).getMessage();
    }
  }
}
