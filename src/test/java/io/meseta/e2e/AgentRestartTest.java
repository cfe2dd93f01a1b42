package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.checkpoint.CheckpointStore;
import io.meseta.agent.checkpoint.TaskCheckpoint;
import io.meseta.agent.checkpoint.UpdatesCheckpoint;
import io.meseta.client.DriverOptions;
import io.meseta.master.MasterConfig;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process killed with SIGKILL and started again on the same work dir (DESIGN §4, issue 5
 * scenario 3): what still runs is re-adopted and supervised again, what died meanwhile is
 * reported failed with a reason, unacknowledged updates go out again, and the agent keeps its id.
 * The master gives agents 30 s before it declares them gone, far more than a restart takes.
 */
class AgentRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path work;
  private Path agentDir;
  private TestCluster cluster;
  private Restarts agents;

  @BeforeEach
  void startClusterAndAgent() throws Exception {
    agentDir = Files.createDirectories(work.resolve("forked"));
    cluster = TestCluster.start(patientMaster(), 0, "", work);
    agents = new Restarts(cluster.masterAddress(), agentDir, freePort());
    cluster.awaitAgents(1);
  }

  /** Every agent life and its tasks, also when the test failed. */
  @AfterEach
  void stopAll() throws Exception {
    try {
      if (agents != null) {
        agents.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  static MasterConfig patientMaster() {
    return TestCluster.fastConfig().withAgentTimeouts(Duration.ofSeconds(1), 30);
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void tasksSurviveAnAgentRestartAndEveryUpdateArrivesOnce() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("restart", 0, false));
        TestFramework lazy = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("lazy", 0, false), DriverOptions.defaults().withAutoAcknowledge(false))) {
      String agentId = agentId(cluster);
      framework.start();
      lazy.start();
      framework.submit("keeper", "sleep 60");
      framework.submit("waiter", "while [ ! -f \"$MESOS_SANDBOX/go\" ]; do sleep 0.1; done; exit 0");
      framework.submit("victim", "sleep 60");
      lazy.submit("quick", "true");
      for (String task : List.of("keeper", "waiter", "victim")) {
        framework.awaitState(task, TaskState.TASK_RUNNING, WAIT);
      }
      lazy.awaitState("quick", TaskState.TASK_RUNNING, WAIT);
      CheckpointStore checkpoint = new CheckpointStore(cluster.vertx, agentDir);
      Awaits.until("quick's TASK_FINISHED checkpointed behind its unacknowledged TASK_RUNNING",
          WAIT, () -> pendingStates(checkpoint, "quick")
              .equals(List.of(TaskState.TASK_RUNNING.name(), TaskState.TASK_FINISHED.name())));
      long keeperPid = pidOf(checkpoint, "keeper");
      long victimPid = pidOf(checkpoint, "victim");

      agents.current.kill();
      killGroup(victimPid); // dies while nobody watches
      Awaits.until("victim gone", WAIT, () -> ProcessHandle.of(victimPid).isEmpty());
      agents.restart();

      Awaits.until("agent re-registered", WAIT, () -> reregistered(cluster));
      assertThat(agentId(cluster)).as("the agent keeps its id").isEqualTo(agentId);
      assertThat(ProcessHandle.of(keeperPid).map(ProcessHandle::isAlive)).contains(true);

      // (b) died while the agent was down: failed, with the reason
      framework.awaitState("victim", TaskState.TASK_FAILED, WAIT);
      TaskStatus failed = framework.last("victim", TaskState.TASK_FAILED);
      assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
      assertThat(failed.getMessage()).contains("while the agent was down");

      // (a) still running: reconciliation says so, and its end is observed once
      int before = framework.updates.get("keeper").size();
      framework.reconcileUnfinished();
      Awaits.until("keeper reconciled", WAIT, () -> framework.updates.get("keeper").size() > before);
      assertThat(framework.updates.get("keeper").get(before).getState()).isEqualTo(TaskState.TASK_RUNNING);
      Files.writeString(agentDir.resolve("sandboxes").resolve(frameworkId(framework))
          .resolve("waiter").resolve("go"), "");
      framework.awaitState("waiter", TaskState.TASK_FINISHED, WAIT);
      assertThat(framework.last("waiter", TaskState.TASK_FINISHED).getMessage())
          .isEqualTo("Command exited with status 0");
      framework.driver.kill(TaskID.newBuilder().setValue("keeper").build(),
          framework.agentOf.get("keeper"));
      framework.awaitState("keeper", TaskState.TASK_KILLED, WAIT);
      Awaits.until("keeper's process gone", WAIT, () -> ProcessHandle.of(keeperPid).isEmpty());

      // (c) an update made before the crash and not acknowledged arrives after it
      Awaits.until("quick's updates re-sent", WAIT, () -> lazy.updates.get("quick").size() >= 2);
      lazy.updates.get("quick").forEach(lazy.driver::acknowledge);
      lazy.awaitState("quick", TaskState.TASK_FINISHED, WAIT);
      lazy.driver.acknowledge(lazy.last("quick", TaskState.TASK_FINISHED));
      Awaits.until("quick's updates all acknowledged", WAIT,
          () -> pendingStates(checkpoint, "quick").isEmpty());

      for (String task : List.of("keeper", "waiter", "victim")) {
        assertThat(terminalUpdates(framework.updates.get(task))).as(task + " ends once").isEqualTo(1);
        assertThat(framework.states(task)).doesNotContain(TaskState.TASK_LOST);
      }
      assertThat(terminalUpdates(lazy.updates.get("quick"))).isEqualTo(1);
      assertThat(lazy.states("quick")).doesNotContain(TaskState.TASK_LOST);
    }
  }

  @Test
  void anExecutorSubscribesAgainAfterTheAgentRestartsAndItsTasksGoOn() throws Exception {
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(),
        FrameworkInfo.newBuilder().setUser("test").setName("phoenix").setCheckpoint(true).build())) {
      ExecutorInfo executor = ExecutorFramework.executor("phoenix",
          ExecutorFramework.javaCommand(RecoveringExecutor.class), 0);
      framework.launch(executor, List.of(ExecutorFramework.task("long", "sleep:6000")));
      framework.awaitState("long", TaskState.TASK_RUNNING);
      Path stdout = agentDir.resolve("executors")
          .resolve(framework.driver.frameworkId().orElseThrow().getValue())
          .resolve("phoenix").resolve("stdout");
      CheckpointStore checkpoint = new CheckpointStore(cluster.vertx, agentDir);
      long executorPid = checkpoint.readAll().executors().get(0).process().pid();

      agents.current.kill();
      agents.restart();

      Awaits.until(() -> "the executor to re-register (stdout: " + read(stdout) + ")", WAIT,
          () -> read(stdout).contains("reregistered with agent " + agentId(cluster)));
      assertThat(read(stdout)).contains("disconnected");
      assertThat(ProcessHandle.of(executorPid).map(ProcessHandle::isAlive)).contains(true);
      framework.launch(executor, List.of(ExecutorFramework.task("after", "sleep:100")));
      framework.awaitState("after", TaskState.TASK_FINISHED);
      framework.awaitState("long", TaskState.TASK_FINISHED);
      assertThat(framework.terminalUpdates("long")).isEqualTo(1);
      assertThat(framework.terminalUpdates("after")).isEqualTo(1);
      assertThat(framework.states("long")).doesNotContain(TaskState.TASK_LOST, TaskState.TASK_FAILED);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static List<String> pendingStates(CheckpointStore checkpoint, String taskId) {
    return checkpoint.readAll().updates().stream()
        .flatMap(u -> u.pending().stream())
        .filter(r -> r.taskId().equals(taskId))
        .map(r -> r.state().name()).toList();
  }

  private static long pidOf(CheckpointStore checkpoint, String taskId) {
    TaskCheckpoint task = checkpoint.readAll().tasks().stream()
        .filter(t -> t.spec().taskId().equals(taskId)).findFirst().orElseThrow();
    return task.process().pid();
  }

  private static String frameworkId(TestFramework framework) {
    return framework.driver.frameworkId().orElseThrow().getValue();
  }

  static void killGroup(long pgid) throws Exception {
    new ProcessBuilder("kill", "-s", "KILL", "--", "-" + pgid).inheritIO().start()
        .waitFor(10, TimeUnit.SECONDS);
  }

  static String agentId(TestCluster cluster) throws Exception {
    return cluster.state().getJsonArray("slaves").getJsonObject(0).getString("id");
  }

  static boolean reregistered(TestCluster cluster) throws Exception {
    JsonObject agent = cluster.state().getJsonArray("slaves").getJsonObject(0);
    return agent.getBoolean("active") && agent.getDouble("reregistered_time", 0.0) > 0;
  }

  /** Distinct terminal updates (a re-sent update is the same update: same uuid). */
  static long terminalUpdates(List<TaskStatus> updates) {
    return updates.stream().filter(s -> TestFramework.terminal(s.getState()))
        .map(s -> s.hasUuid() ? s.getUuid().toStringUtf8() : s.getState().name())
        .distinct().count();
  }

  /** The agent of a work dir, in its successive lives; kills every one (and their tasks). */
  static final class Restarts implements AutoCloseable {
    private final String master;
    private final Path workDir;
    private final int port;
    private final java.util.List<ForkedAgent> lives = new java.util.ArrayList<>();
    ForkedAgent current;

    Restarts(String master, Path workDir, int port) throws Exception {
      this.master = master;
      this.workDir = workDir;
      this.port = port;
      restart();
    }

    void restart() throws Exception {
      current = new ForkedAgent(master, workDir, "cpus:2;mem:1024", port);
      lives.add(current);
    }

    @Override
    public void close() throws Exception {
      for (ForkedAgent life : lives) {
        life.close();
      }
    }
  }
}
