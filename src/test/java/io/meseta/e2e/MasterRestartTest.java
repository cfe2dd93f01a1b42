package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentVerticle;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.meseta.master.state.MemoryStateStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master replaced by a new one (a new leader term, epoch 2) on the same state store and
 * address: it knows the frameworks, agents and tasks of the old term, keeps what is still
 * there running, and reports what vanished meanwhile, as a leader failover must.
 */
class MasterRestartTest {
  private final Vertx clients = Vertx.vertx();
  private final MemoryStateStore store = new MemoryStateStore();
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx masterVertx;

  @TempDir Path work;

  @AfterEach
  void stop() throws Exception {
    TestCluster.await(clients.close());
    if (masterVertx != null) {
      TestCluster.await(masterVertx.close());
    }
  }

  @Test
  void aNewLeaderTermKeepsRunningTasksAndReportsTheLostOnes() throws Exception {
    int port = freePort();
    // Agents get 6 s to re-register with the new term (their reconnect backoff is up to 0.5 s).
    MasterConfig config = TestCluster.fastConfig().withPort(port)
        .withAgentTimeouts(Duration.ofMillis(300), 20);
    startMaster(config, 1);
    // Room for exactly one task, so the second one lands on the other agent.
    AgentVerticle staying = addAgent(port, work.resolve("a"), "cpus:0.1;mem:32");
    try (TestFramework framework = new TestFramework(clients, "127.0.0.1:" + port,
        TestFramework.info("restart", 60, false))) {
      String frameworkId = framework.start().getValue();
      framework.submit("long", "sleep 60");
      framework.awaitState("long", TaskState.TASK_RUNNING, Duration.ofSeconds(20));
      AgentVerticle leaving = addAgent(port, work.resolve("b"), "cpus:1;mem:256");
      awaitActiveAgents(2);
      framework.submit("doomed", "sleep 60");
      framework.awaitState("doomed", TaskState.TASK_RUNNING, Duration.ofSeconds(20));
      String doomedAgent = framework.agentOf.get("doomed").getValue();
      String longAgent = framework.agentOf.get("long").getValue();
      assertThat(doomedAgent).as("the two tasks landed on different agents")
          .isNotEqualTo(longAgent);

      // The old leader goes away; one agent goes with it and does not come back.
      TestCluster.await(masterVertx.close());
      masterVertx = null;
      TestCluster.await(leaving.stop());
      startMaster(config, 2);

      Awaits.until("the framework re-subscribed to the new leader", Duration.ofSeconds(20),
          () -> frameworkIds(state("frameworks")).contains(frameworkId));
      awaitActiveAgents(1);
      framework.driver.reconcile(List.of(status("long"), status("doomed")));
      framework.awaitState("doomed", TaskState.TASK_LOST, Duration.ofSeconds(20));
      Awaits.until("the surviving task still runs", Duration.ofSeconds(10),
          () -> runningTaskIds().contains("long"));
      assertThat(framework.states("long")).doesNotContain(TaskState.TASK_LOST,
          TaskState.TASK_KILLED, TaskState.TASK_FAILED);

      framework.driver.kill(TaskID.newBuilder().setValue("long").build(),
          framework.agentOf.get("long"));
      framework.awaitState("long", TaskState.TASK_KILLED, Duration.ofSeconds(20));
      assertThat(staying).isNotNull();
    }
  }

  private void startMaster(MasterConfig config, long epoch) throws Exception {
    masterVertx = Vertx.vertx();
    TestCluster.await(MasterNode.start(masterVertx, config, store, epoch));
  }

  private AgentVerticle addAgent(int masterPort, Path dir, String resources) throws Exception {
    AgentConfig config = AgentConfig.builder(List.of("127.0.0.1:" + masterPort), dir)
        .hostname("127.0.0.1").bindHost("127.0.0.1").port(0).resources(resources)
        .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
        .build();
    return TestCluster.await(AgentVerticle.deploy(clients, config));
  }

  private static TaskStatus status(String taskId) {
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
        .setState(TaskState.TASK_RUNNING).build();
  }

  private void awaitActiveAgents(int count) throws Exception {
    Awaits.until(count + " active agent(s)", Duration.ofSeconds(20), () -> state("slaves")
        .stream().filter(s -> ((JsonObject) s).getBoolean("active")).count() == count);
  }

  private List<String> runningTaskIds() throws Exception {
    return state("frameworks").stream()
        .flatMap(f -> ((JsonObject) f).getJsonArray("tasks").stream())
        .map(t -> (JsonObject) t)
        .filter(t -> "TASK_RUNNING".equals(t.getString("state")))
        .map(t -> t.getString("id")).toList();
  }

  private static List<String> frameworkIds(io.vertx.core.json.JsonArray frameworks) {
    return frameworks.stream().map(f -> ((JsonObject) f).getString("id")).toList();
  }

  private io.vertx.core.json.JsonArray state(String field) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + masterPort + "/master/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body()).getJsonArray(field);
  }

  private int masterPort;

  private int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      masterPort = socket.getLocalPort();
      return masterPort;
    }
  }
}
