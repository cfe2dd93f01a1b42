package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentVerticle;
import io.meseta.examples.EchoExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom executors end to end: a real master, a real agent, and executor JVMs forked by the
 * agent ({@link EchoExecutor} with the test class path), driven by an SDK framework.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir
  static Path work;
  private TestCluster cluster;
  private AgentVerticle agent;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(0, "", work);
    AgentConfig config = AgentConfig.builder(List.of(cluster.masterAddress()), work.resolve("agent"))
        .hostname("127.0.0.1").bindHost("127.0.0.1").port(0)
        .resources("cpus:8;mem:8192;disk:1000")
        .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
        .executor(AgentConfig.ExecutorTimeouts.DEFAULTS.withRegistrationTimeout(Duration.ofSeconds(8)))
        .build();
    agent = TestCluster.await(AgentVerticle.deploy(cluster.vertx, config));
    cluster.agents.add(agent);
    cluster.awaitAgents(1);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private static String echo() {
    return ExecutorFramework.javaCommand(EchoExecutor.class);
  }

  @Test
  void severalTasksRunInOneExecutorAndMessagesGoBothWays() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "many")) {
      ExecutorInfo executor = ExecutorFramework.executor("many", echo(), 0);
      framework.launch(executor, IntStream.range(0, 6)
          .mapToObj(i -> ExecutorFramework.task("many-" + i, "sleep:" + (300 + 100 * i))).toList());
      framework.awaitState("many-0", TaskState.TASK_RUNNING);
      assertThat(TestCluster.await(agent.executorPids()).keySet())
          .as("one executor process for all six tasks").filteredOn(k -> k.endsWith("/many")).hasSize(1);
      framework.message("many", "ping 1");
      framework.message("many", "ping 2");
      for (int i = 0; i < 6; i++) {
        framework.awaitState("many-" + i, TaskState.TASK_FINISHED);
        TaskStatus finished = framework.last("many-" + i);
        assertThat(finished.getData().toStringUtf8()).isEqualTo("done many-" + i);
        assertThat(finished.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(finished.getExecutorId().getValue()).isEqualTo("many");
        assertThat(framework.terminalUpdates("many-" + i)).isEqualTo(1);
      }
      Awaits.until(() -> "two echoes (got " + framework.messages + ")", WAIT,
          () -> framework.messages.size() == 2);
      assertThat(framework.messages).containsExactlyInAnyOrder("many: echo: ping 1", "many: echo: ping 2");
    }
  }

  @Test
  void killOneTaskThenShutDownTheExecutor() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "kill")) {
      framework.launch(ExecutorFramework.executor("kill", echo(), 0), List.of(
          ExecutorFramework.task("victim", "sleep:60000"), ExecutorFramework.task("bystander", "sleep:60000")));
      framework.awaitState("victim", TaskState.TASK_RUNNING);
      framework.awaitState("bystander", TaskState.TASK_RUNNING);
      framework.driver.kill(TaskID.newBuilder().setValue("victim").build(), framework.agent);
      framework.awaitState("victim", TaskState.TASK_KILLED);
      assertThat(framework.states("bystander")).doesNotContain(TaskState.TASK_KILLED);

      framework.driver.shutdownExecutor(framework.agent, ExecutorID.newBuilder().setValue("kill").build());
      framework.awaitState("bystander", TaskState.TASK_KILLED);
      Awaits.until("the executor process to be gone", WAIT,
          () -> TestCluster.await(agent.executorPids()).keySet().stream().noneMatch(k -> k.endsWith("/kill")));
      assertThat(framework.terminalUpdates("victim")).isEqualTo(1);
      assertThat(framework.terminalUpdates("bystander")).isEqualTo(1);
      assertThat(framework.last("bystander").getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
    }
  }

  @Test
  void anExecutorThatIgnoresShutdownIsKilledAfterItsGracePeriod() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "stubborn")) {
      framework.launch(ExecutorFramework.executor("stubborn",
          ExecutorFramework.javaCommand(StubbornExecutor.class), 1_000),
          List.of(ExecutorFramework.task("stays", "sleep:60000")));
      framework.awaitState("stays", TaskState.TASK_RUNNING);
      long start = System.nanoTime();
      framework.driver.shutdownExecutor(framework.agent, ExecutorID.newBuilder().setValue("stubborn").build());
      framework.awaitState("stays", TaskState.TASK_KILLED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
      TaskStatus killed = framework.last("stays");
      assertThat(killed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
      assertThat(killed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
      assertThat(framework.terminalUpdates("stays")).isEqualTo(1);
    }
  }

  @Test
  void anExecutorCrashFailsItsUnfinishedTasksOnce() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "crash")) {
      framework.launch(ExecutorFramework.executor("crash", echo(), 0), List.of(
          ExecutorFramework.task("quick", "sleep:10"), ExecutorFramework.task("long", "sleep:60000"),
          ExecutorFramework.task("crasher", "crash:1500")));
      framework.awaitState("quick", TaskState.TASK_FINISHED);
      framework.awaitState("long", TaskState.TASK_FAILED);
      framework.awaitState("crasher", TaskState.TASK_FAILED);
      for (String id : List.of("long", "crasher")) {
        TaskStatus failed = framework.last(id);
        assertThat(failed.getReason()).as(id).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
        assertThat(failed.getMessage()).as(id).contains("exit status 7");
        assertThat(framework.terminalUpdates(id)).as(id).isEqualTo(1);
      }
      assertThat(framework.terminalUpdates("quick")).isEqualTo(1);
    }
  }

  @Test
  void anExecutorThatNeverSubscribesIsDestroyed() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "silent")) {
      framework.launch(ExecutorFramework.executor("silent", "sleep 600", 0),
          List.of(ExecutorFramework.task("waits", "sleep:10")));
      framework.awaitState("waits", TaskState.TASK_FAILED);
      assertThat(framework.last("waits").getReason())
          .isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
      assertThat(framework.states("waits")).doesNotContain(TaskState.TASK_RUNNING);
      Awaits.until("the executor process to be gone", WAIT,
          () -> TestCluster.await(agent.executorPids()).keySet().stream().noneMatch(k -> k.endsWith("/silent")));
    }
  }

  @Test
  void aTaskGroupRunsInOneExecutorAndAnInvalidGroupLaunchesNothing() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "group")) {
      ExecutorInfo executor = ExecutorFramework.executor("group", echo(), 0);
      framework.launchGroup(executor, List.of(ExecutorFramework.task("g-1", "sleep:200"),
          ExecutorFramework.task("g-2", "sleep:300")));
      framework.awaitState("g-1", TaskState.TASK_FINISHED);
      framework.awaitState("g-2", TaskState.TASK_FINISHED);

      framework.launchGroup(executor, List.of(ExecutorFramework.task("bad-1", "sleep:10"),
          ExecutorFramework.task("bad-2", "sleep:10")
              .clearResources().addResources(ExecutorFramework.scalar("cpus", 1000))));
      framework.awaitState("bad-1", TaskState.TASK_ERROR);
      framework.awaitState("bad-2", TaskState.TASK_ERROR);
      assertThat(framework.last("bad-1").getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
      assertThat(framework.last("bad-1").getMessage()).contains("bad-2");
      assertThat(framework.states("bad-1")).containsExactly(TaskState.TASK_ERROR);
    }
  }

  @Test
  void messagesAreCheckedForSizeAndDestination() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "msg")) {
      framework.launch(ExecutorFramework.executor("msg", echo(), 0),
          List.of(ExecutorFramework.task("msg-task", "sleep:60000")));
      framework.awaitState("msg-task", TaskState.TASK_RUNNING);
      framework.message("msg", "x".repeat(1024 * 1024 + 1));
      framework.message("nobody", "hello?");
      Awaits.until(() -> "two errors (got " + framework.errors + ")", WAIT, () -> framework.errors.size() == 2);
      assertThat(framework.errors.get(0)).contains("1048577 bytes").contains("limit");
      assertThat(framework.errors.get(1)).contains("Executor nobody").contains("not running");
      framework.message("msg", "still there?");
      Awaits.until("the echo", WAIT, () -> framework.messages.contains("msg: echo: still there?"));
      assertThat(Map.of("errors", framework.errors.size())).containsEntry("errors", 2);
    }
  }
}
