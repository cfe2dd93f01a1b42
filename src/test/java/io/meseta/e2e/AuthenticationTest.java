package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.client.Credential;
import io.meseta.client.DriverOptions;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master started with --authenticate and --authenticate-agents: every surface but health and
 * the console's files answers 401 with a challenge and nothing about the cluster; Basic and JWT
 * credentials get in; a framework subscribes only as its own principal; an agent without
 * credentials never registers.
 */
class AuthenticationTest {
  private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{"
      + "\"framework_info\":{\"user\":\"u\",\"name\":\"n\"%s}}}";

  @TempDir
  static Path work;

  static SecureMaster cluster;
  static String masterId;
  static String agentId;

  @BeforeAll
  static void start() throws Exception {
    cluster = new SecureMaster(SecureMaster.authenticating());
    cluster.addAgent(work.resolve("good"), SecureMaster.basic("agent"));
    Awaits.until("the authenticated agent registers", Duration.ofSeconds(20),
        () -> cluster.activeAgents() == 1);
    JsonObject state = cluster.state();
    masterId = state.getString("id");
    agentId = state.getJsonArray("slaves").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void everyGuardedSurfaceAnswers401WithAChallengeAndNothingAboutTheCluster() throws Exception {
    List<String[]> requests = List.of(
        new String[] {"GET", "/master/state", null},
        new String[] {"GET", "/state.json", null},
        new String[] {"GET", "/master/state-summary", null},
        new String[] {"GET", "/master/slaves", null},
        new String[] {"GET", "/metrics/snapshot", null},
        new String[] {"GET", "/metrics", null},
        new String[] {"GET", "/version", null},
        new String[] {"GET", "/master/flags", null},
        new String[] {"GET", "/api/v1/jobs", null},
        new String[] {"GET", "/agent-files/" + agentId + "/read?path=x", null},
        new String[] {"POST", "/api/v1", "{\"type\":\"GET_STATE\"}"},
        new String[] {"POST", "/api/v1/scheduler", String.format(SUBSCRIBE, "")});
    for (String[] r : requests) {
      for (String authorization : new String[] {null, SecureMaster.basic("ops", "wrong"),
          SecureMaster.basic("nobody", "x"), cluster.bearer("ops", "not the master's key")}) {
        HttpResponse<String> response = authorization == null
            ? cluster.send(r[0], r[1], r[2], "Content-Type", "application/json")
            : cluster.send(r[0], r[1], r[2], "Content-Type", "application/json",
                "Authorization", authorization);
        String what = r[0] + " " + r[1] + " with " + authorization;
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).as(what)
            .containsExactlyInAnyOrder("Basic realm=\"meseta\"", "Bearer realm=\"meseta\"");
        assertThat(response.body()).as(what)
            .startsWith(authorization == null ? "Authentication required" : "Authentication failed")
            .doesNotContain(masterId).doesNotContain(agentId).doesNotContain("version");
      }
    }
  }

  @Test
  void healthAndTheConsolesFilesArePublic() throws Exception {
    assertThat(cluster.send("GET", "/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> console = cluster.send("GET", "/", null);
    assertThat(console.statusCode()).isEqualTo(200);
    assertThat(console.body()).doesNotContain(masterId).doesNotContain(agentId);
  }

  @Test
  void goodBasicAndGoodJwtGetIn() throws Exception {
    assertThat(cluster.send("GET", "/master/state", null, "Authorization",
        SecureMaster.basic("ops")).statusCode()).isEqualTo(200);
    assertThat(cluster.send("GET", "/master/state", null, "Authorization",
        cluster.bearer("ops", SecureMaster.JWT_KEY)).statusCode()).isEqualTo(200);
    assertThat(cluster.send("POST", "/api/v1", "{\"type\":\"GET_HEALTH\"}",
        "Content-Type", "application/json", "Authorization", SecureMaster.basic("ops"))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void webSocketsOfFrameworksAndAgentsNeedCredentialsBeforeTheUpgrade() {
    for (String path : new String[] {"/api/v1/scheduler/ws", "/api/v1/agent/ws"}) {
      assertThatThrownBy(() -> connect(path, null))
          .hasRootCauseInstanceOf(UpgradeRejectedException.class)
          .rootCause().satisfies(e ->
              assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401));
    }
  }

  @Test
  void aFrameworkSubscribesOverTheWebSocketOnlyAsItsOwnPrincipal() throws Exception {
    LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    WebSocket socket = connect("/api/v1/scheduler/ws", cluster.bearer("fw", SecureMaster.JWT_KEY));
    socket.textMessageHandler(t -> events.add(MesosJson.parse(t, Event.getDefaultInstance())));
    socket.writeTextMessage(String.format(SUBSCRIBE, ",\"principal\":\"ops\""));
    Event error = events.poll(10, TimeUnit.SECONDS);
    assertThat(error.getType()).isEqualTo(Event.Type.ERROR);
    assertThat(error.getError().getMessage())
        .contains("Authenticated principal 'fw' does not match principal 'ops'");

    WebSocket own = connect("/api/v1/scheduler/ws", cluster.bearer("fw", SecureMaster.JWT_KEY));
    LinkedBlockingQueue<Event> ownEvents = new LinkedBlockingQueue<>();
    own.textMessageHandler(t -> ownEvents.add(MesosJson.parse(t, Event.getDefaultInstance())));
    own.writeTextMessage(String.format(SUBSCRIBE, ",\"principal\":\"fw\""));
    assertThat(ownEvents.poll(10, TimeUnit.SECONDS).getType()).isEqualTo(Event.Type.SUBSCRIBED);
    TestCluster.await(own.close());
  }

  @Test
  void aWrongPrincipalOnSubscribeOverHttpIs403NamingIt() throws Exception {
    for (String framework : new String[] {",\"principal\":\"ops\"", ""}) {
      HttpResponse<String> response = cluster.send("POST", "/api/v1/scheduler",
          String.format(SUBSCRIBE, framework), "Content-Type", "application/json",
          "Accept", "application/json", "Authorization", SecureMaster.basic("fw"));
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("Authenticated principal 'fw'");
    }
  }

  @Test
  void callsOnAMesosHttpStreamComeFromThePrincipalThatSubscribed() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    HttpResponse<java.io.InputStream> stream = client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://" + cluster.address() + "/api/v1/scheduler"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("Authorization", SecureMaster.basic("fw"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            String.format(SUBSCRIBE, ",\"principal\":\"fw\"")))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream events = stream.body()) {
      assertThat(stream.statusCode()).isEqualTo(200);
      String streamId = stream.headers().firstValue("Mesos-Stream-Id").orElseThrow();
      Event subscribed = firstRecord(events);
      String revive = "{\"framework_id\":{\"value\":\""
          + subscribed.getSubscribed().getFrameworkId().getValue() + "\"},\"type\":\"REVIVE\"}";
      HttpResponse<String> other = cluster.send("POST", "/api/v1/scheduler", revive,
          "Content-Type", "application/json", "Mesos-Stream-Id", streamId,
          "Authorization", SecureMaster.basic("ops"));
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(other.body()).contains("'ops' does not match principal 'fw'");
      HttpResponse<String> own = cluster.send("POST", "/api/v1/scheduler", revive,
          "Content-Type", "application/json", "Mesos-Stream-Id", streamId,
          "Authorization", SecureMaster.basic("fw"));
      assertThat(own.statusCode()).isEqualTo(202);
    }
  }

  /** The first RecordIO record of a JSON event stream. */
  private static Event firstRecord(java.io.InputStream in) throws Exception {
    StringBuilder length = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      length.append((char) c);
    }
    byte[] record = in.readNBytes(Integer.parseInt(length.toString()));
    return MesosJson.parse(new String(record, java.nio.charset.StandardCharsets.UTF_8),
        Event.getDefaultInstance());
  }

  @Test
  void theSdkAuthenticatesAndRunsATask() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.address(),
        TestFramework.info("sdk", 0, false).toBuilder().setPrincipal("fw").build(),
        DriverOptions.defaults().withCredential(new Credential("fw", "fw-secret")))) {
      framework.start();
      framework.submit("t1", "true");
      framework.awaitState("t1", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
    }
  }

  @Test
  void theJobServiceRunsJobsOnAnAuthenticatingMaster() throws Exception {
    HttpResponse<String> submitted = cluster.send("POST", "/api/v1/jobs",
        "{\"name\":\"hello\",\"command\":\"true\",\"resources\":\"cpus:0.1;mem:32\"}",
        "Content-Type", "application/json", "Authorization", SecureMaster.basic("ops"));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String id = new JsonObject(submitted.body()).getString("id");
    Awaits.until(id + " finished", Duration.ofSeconds(20), () -> new JsonObject(cluster.send(
            "GET", "/api/v1/jobs/" + id, null, "Authorization", SecureMaster.basic("ops")).body())
        .getString("state").equals("FINISHED"));
  }

  @Test
  void theSdkWithoutCredentialsIsToldToGiveThem() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.address(),
        TestFramework.info("anonymous", 0, false),
        DriverOptions.defaults().withStartAttempts(1))) {
      assertThatThrownBy(framework::start).hasMessageContaining("requires authentication");
    }
  }

  @Test
  void anAgentWithoutCredentialsNeverRegisters() throws Exception {
    cluster.addAgent(work.resolve("anonymous"), null);
    cluster.addAgent(work.resolve("wrong"), SecureMaster.basic("agent", "guess"));
    cluster.addAgent(work.resolve("second"), SecureMaster.basic("agent"));
    // The good agent, started last, registers; the two before it never do.
    Awaits.until("the second authenticated agent registers", Duration.ofSeconds(20),
        () -> cluster.activeAgents() >= 2);
    assertThat(cluster.state().getJsonArray("slaves")).hasSize(2);
  }

  @Test
  void theCliPresentsAPrincipalAndASecretFile() throws Exception {
    Path secret = work.resolve("ops.secret");
    java.nio.file.Files.writeString(secret, "ops-secret\n");
    CliRun refused = CliRun.capturingSystemOut("agents", "--master", cluster.address());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.out() + refused.err()).contains("Authentication required")
        .contains("--principal and --secret-file");
    CliRun listed = CliRun.capturingSystemOut("agents", "--master", cluster.address(),
        "--principal", "ops", "--secret-file", secret.toString());
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains(agentId);
  }

  private static WebSocket connect(String path, String authorization) throws Exception {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(cluster.master.port()).setURI(path);
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    return TestCluster.await(cluster.vertx.createWebSocketClient().connect(options));
  }
}
