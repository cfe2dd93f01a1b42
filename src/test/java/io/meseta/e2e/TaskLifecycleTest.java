package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentVerticle;
import io.meseta.agent.TaskKey;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master, two real agents and frameworks written with the SDK: tasks run as real processes
 * and every one reaches a terminal state its framework is told about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir
  static Path work;
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(2, "cpus:4;mem:4096;disk:1000;ports:[31000-31100]", work);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void twoHundredShellTasksRunAndFinish() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("two-hundred", 0, false))) {
      framework.start();
      IntStream.range(0, 200).forEach(i ->
          framework.submit("echo-" + i, "echo task " + i + " > out.txt"));
      Awaits.until("200 tasks finished", Duration.ofSeconds(120), () -> IntStream.range(0, 200)
          .allMatch(i -> framework.saw("echo-" + i, TaskState.TASK_FINISHED)));
      for (int i = 0; i < 200; i++) {
        assertThat(framework.states("echo-" + i))
            .as("task echo-%d", i)
            .containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
      }
      // Both agents took part: offers went to the whole cluster.
      assertThat(framework.agentOf.values().stream().distinct().count()).isEqualTo(2);
    }
  }

  @Test
  void aFailingCommandReportsItsExitStatus() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("failing", 0, false))) {
      framework.start();
      framework.submit("fails", "exit 3");
      framework.awaitState("fails", TaskState.TASK_FAILED, WAIT);
      assertThat(framework.last("fails", TaskState.TASK_FAILED).getMessage()).contains("3");
    }
  }

  @Test
  void killStopsTheTaskAndItsProcessIsGone() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("killer", 0, false))) {
      framework.start();
      framework.submit("sleeper", "sleep 600");
      framework.awaitState("sleeper", TaskState.TASK_RUNNING, WAIT);
      long pid = pidOf("sleeper").orElseThrow();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

      framework.driver.kill(TaskID.newBuilder().setValue("sleeper").build(),
          framework.agentOf.get("sleeper"));
      framework.awaitState("sleeper", TaskState.TASK_KILLED, WAIT);
      Awaits.until("process " + pid + " gone", WAIT,
          () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
  }

  @Test
  void aFrameworkThatFailsOverWithinItsTimeoutKeepsItsTasks() throws Exception {
    TestFramework first = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("failover", 60, false));
    FrameworkID id = first.start();
    first.submit("survivor", "sleep 600");
    first.awaitState("survivor", TaskState.TASK_RUNNING, WAIT);
    TestCluster.await(first.driver.stop());
    Awaits.until("framework disconnected", WAIT,
        () -> !framework(id.getValue()).getBoolean("connected"));

    FrameworkInfo again = TestFramework.info("failover", 60, false).toBuilder().setId(id).build();
    try (TestFramework second = new TestFramework(cluster.vertx, cluster.masterAddress(), again)) {
      assertThat(second.start()).isEqualTo(id);
      second.driver.reconcile(java.util.List.of());
      second.awaitState("survivor", TaskState.TASK_RUNNING, WAIT);
      TaskStatus reconciled = second.last("survivor", TaskState.TASK_RUNNING);
      assertThat(reconciled.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
      assertThat(pidOf("survivor")).isPresent();
      assertThat(framework(id.getValue()).getJsonArray("tasks").getJsonObject(0)
          .getString("state")).isEqualTo("TASK_RUNNING");
      // Teardown (close) kills what the framework still runs.
    }
    Awaits.until("survivor killed by teardown", WAIT, () -> pidOf("survivor").isEmpty());
  }

  @Test
  void aFrameworkWhoseFailoverTimeoutExpiresIsRemovedAndItsTasksKilled() throws Exception {
    TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("short-lived", 0.5, false));
    FrameworkID id = framework.start();
    framework.submit("orphan", "sleep 600");
    framework.awaitState("orphan", TaskState.TASK_RUNNING, WAIT);
    long pid = pidOf("orphan").orElseThrow();
    TestCluster.await(framework.driver.stop());

    Awaits.until("framework removed", WAIT, () -> cluster.state()
        .getJsonArray("completed_frameworks").stream()
        .anyMatch(f -> ((JsonObject) f).getString("id").equals(id.getValue())));
    Awaits.until("orphan's process gone", WAIT,
        () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    JsonObject completed = cluster.state().getJsonArray("completed_frameworks").stream()
        .map(JsonObject.class::cast).filter(f -> f.getString("id").equals(id.getValue()))
        .findFirst().orElseThrow();
    assertThat(completed.getJsonArray("completed_tasks").getJsonObject(0).getString("state"))
        .isEqualTo("TASK_KILLED");
  }

  private JsonObject framework(String id) throws Exception {
    return cluster.state().getJsonArray("frameworks").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("id").equals(id)).findFirst().orElseThrow();
  }

  /** The pid of a running task, from whichever agent runs it. */
  private Optional<Long> pidOf(String taskId) throws Exception {
    for (AgentVerticle agent : cluster.agents) {
      for (Map.Entry<TaskKey, Long> e : TestCluster.await(agent.runningTaskPids()).entrySet()) {
        if (e.getKey().taskId().value().equals(taskId)) {
          return Optional.of(e.getValue());
        }
      }
    }
    return Optional.empty();
  }
}
