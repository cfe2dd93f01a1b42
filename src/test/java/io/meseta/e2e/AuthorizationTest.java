package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.acl.AclsJson;
import io.meseta.client.Credential;
import io.meseta.client.DriverOptions;
import io.meseta.gateway.security.AuthSettings;
import io.meseta.gateway.security.Credentials;
import io.meseta.gateway.security.SecuritySettings;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master with authentication and an ACL file: each action is refused where it enters, with a
 * 403 (or TASK_ERROR, or an ERROR event) naming the missing permission, and reads show only what
 * the principal may view.
 */
class AuthorizationTest {
  private static final Map<String, String> SECRETS = Map.of("ops", "ops-secret",
      "fw", "fw-secret", "viewer", "viewer-secret", "agent", "agent-secret");
  private static final String ACLS = """
      {"permissive": true,
       "register_frameworks": [
         {"principals": {"type": "NONE"}, "roles": {"values": ["prod"]}}],
       "run_tasks": [
         {"principals": {"type": "NONE"}, "users": {"values": ["root"]}}],
       "teardown_frameworks": [
         {"principals": {"values": ["ops"]}, "framework_principals": {"type": "ANY"}},
         {"principals": {"type": "ANY"}, "framework_principals": {"type": "NONE"}}],
       "view_frameworks": [
         {"principals": {"values": ["viewer"]}, "users": {"values": ["alice"]}},
         {"principals": {"values": ["viewer"]}, "users": {"type": "NONE"}}],
       "access_sandboxes": [
         {"principals": {"values": ["viewer"]}, "users": {"values": ["alice"]}},
         {"principals": {"values": ["viewer"]}, "users": {"type": "NONE"}}],
       "reserve_resources": [
         {"principals": {"values": ["ops"]}, "roles": {"type": "ANY"}},
         {"principals": {"type": "ANY"}, "roles": {"type": "NONE"}}],
       "update_weights": [
         {"principals": {"values": ["ops"]}, "roles": {"type": "ANY"}},
         {"principals": {"type": "ANY"}, "roles": {"type": "NONE"}}]
      }""";
  private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{"
      + "\"framework_info\":{\"user\":\"u\",\"name\":\"n\",\"principal\":\"fw\",\"role\":\"%s\"}}}";

  @TempDir
  static Path work;

  static SecureMaster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new SecureMaster(SecuritySettings.defaults()
        .withAuth(new AuthSettings(true, true, Credentials.of(SECRETS), null))
        .withAcls(AclsJson.parse(ACLS, "test acls")));
    cluster.addAgent(work.resolve("agent"), SecureMaster.basic("agent"));
    Awaits.until("the agent registers", Duration.ofSeconds(20),
        () -> cluster.activeAgents() == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void subscribingForAForbiddenRoleIs403OverHttpAndAnErrorOverTheWebSocket() throws Exception {
    HttpResponse<String> http = cluster.send("POST", "/api/v1/scheduler",
        String.format(SUBSCRIBE, "prod"), "Content-Type", "application/json",
        "Accept", "application/json", "Authorization", basic("fw"));
    assertThat(http.statusCode()).isEqualTo(403);
    assertThat(http.body()).contains("principal 'fw' may not register frameworks for role 'prod'")
        .contains("register_frameworks");

    WebSocket socket = TestCluster.await(cluster.vertx.createWebSocketClient().connect(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(cluster.master.port())
            .setURI("/api/v1/scheduler/ws").putHeader("Authorization", basic("fw"))));
    LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    socket.textMessageHandler(t -> events.add(MesosJson.parse(t, Event.getDefaultInstance())));
    socket.writeTextMessage(String.format(SUBSCRIBE, "prod"));
    Event error = events.poll(10, TimeUnit.SECONDS);
    assertThat(error.getType()).isEqualTo(Event.Type.ERROR);
    assertThat(error.getError().getMessage())
        .contains("principal 'fw' may not register frameworks for role 'prod'");
    Awaits.until("the socket is closed", Duration.ofSeconds(5), socket::isClosed);
  }

  @Test
  void aTaskAsAForbiddenUserGetsTaskErrorUnauthorizedAndOthersRun() throws Exception {
    try (TestFramework root = framework("root-fw", "root")) {
      root.start();
      root.submit("as-root", "true");
      root.awaitState("as-root", TaskState.TASK_ERROR, Duration.ofSeconds(20));
      TaskStatus status = root.last("as-root", TaskState.TASK_ERROR);
      assertThat(status.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_UNAUTHORIZED);
      assertThat(status.getMessage()).contains("principal 'fw' may not run tasks as user 'root'");
    }
    try (TestFramework alice = framework("alice-fw", "alice")) {
      alice.start();
      alice.submit("as-alice", "true");
      alice.awaitState("as-alice", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
    }
  }

  @Test
  void readsShowOnlyWhatThePrincipalMayViewAndSandboxesLikewise() throws Exception {
    try (TestFramework alice = framework("view-alice", "alice");
        TestFramework bob = framework("view-bob", "bob")) {
      String aliceId = alice.start().getValue();
      String bobId = bob.start().getValue();
      alice.submit("a1", "echo hi");
      bob.submit("b1", "echo hi");
      alice.awaitState("a1", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
      bob.awaitState("b1", TaskState.TASK_FINISHED, Duration.ofSeconds(20));

      assertThat(frameworkIds("/master/frameworks", "ops")).contains(aliceId, bobId);
      assertThat(frameworkIds("/master/frameworks", "viewer")).contains(aliceId)
          .doesNotContain(bobId);
      assertThat(frameworkIds("/master/state", "viewer")).contains(aliceId)
          .doesNotContain(bobId);
      // Metrics count the whole cluster, whoever asks.
      assertThat(new JsonObject(get("/metrics/snapshot", "viewer").body())
          .getDouble("master/frameworks_active")).isGreaterThanOrEqualTo(2.0);
      String tasks = get("/master/tasks", "viewer").body();
      assertThat(tasks).contains(aliceId).doesNotContain(bobId);
      String v1 = cluster.send("POST", "/api/v1", "{\"type\":\"GET_FRAMEWORKS\"}",
          "Content-Type", "application/json", "Accept", "application/json",
          "Authorization", basic("viewer")).body();
      assertThat(v1).contains(aliceId).doesNotContain(bobId);

      String agent = cluster.state().getJsonArray("slaves").getJsonObject(0).getString("id");
      HttpResponse<String> bobSandbox = get("/agent-files/" + agent
          + "/read?path=sandboxes/" + bobId + "/b1/stdout&offset=0&length=100", "viewer");
      assertThat(bobSandbox.statusCode()).isEqualTo(403);
      assertThat(bobSandbox.body()).contains("may not access sandboxes of user 'bob'");
      HttpResponse<String> aliceSandbox = get("/agent-files/" + agent
          + "/read?path=sandboxes/" + aliceId + "/a1/stdout&offset=0&length=100", "viewer");
      assertThat(aliceSandbox.statusCode()).as(aliceSandbox.body()).isNotEqualTo(403);
    }
  }

  @Test
  void teardownAndWeightsNeedTheirPermissions() throws Exception {
    try (TestFramework alice = framework("teardown-me", "alice")) {
      String id = alice.start().getValue();
      String teardown = "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\""
          + id + "\"}}}";
      HttpResponse<String> refused = post("/api/v1", teardown, "viewer");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("principal 'viewer' may not tear down frameworks of"
          + " principal 'fw'");
      HttpResponse<String> v0 = cluster.send("POST", "/master/teardown", "frameworkId=" + id,
          "Content-Type", "application/x-www-form-urlencoded", "Authorization", basic("viewer"));
      assertThat(v0.statusCode()).isEqualTo(403);
      assertThat(frameworkIds("/master/frameworks", "ops")).contains(id);
      assertThat(post("/api/v1", teardown, "ops").statusCode()).isEqualTo(200);
    }
    String weights = "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
        + "[{\"role\":\"dev\",\"weight\":2.0}]}}";
    HttpResponse<String> refused = post("/api/v1", weights, "viewer");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("may not update the weight of role 'dev'");
    HttpResponse<String> v0 = cluster.send("PUT", "/master/weights",
        "[{\"role\":\"dev\",\"weight\":3.0}]", "Authorization", basic("fw"));
    assertThat(v0.statusCode()).isEqualTo(403);
    assertThat(post("/api/v1", weights, "ops").statusCode()).isEqualTo(200);
    HttpResponse<String> reserve = post("/api/v1", "{\"type\":\"RESERVE_RESOURCES\","
        + "\"reserve_resources\":{\"agent_id\":{\"value\":\"any\"},\"resources\":[{\"name\":"
        + "\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},\"reservations\":[{\"type\":"
        + "\"DYNAMIC\",\"role\":\"dev\"}]}]}}", "viewer");
    assertThat(reserve.statusCode()).isEqualTo(403);
    assertThat(reserve.body()).contains("principal 'viewer' may not reserve resources for role"
        + " 'dev' (ACL 'reserve_resources')");
  }

  @Test
  void aReserveOperationWithoutThePermissionIsRefusedAndReservesNothing() throws Exception {
    FrameworkInfo info = TestFramework.info("reserver", 0, false).toBuilder()
        .setUser("alice").setPrincipal("fw").setRole("dev").build();
    try (TestFramework dev = new TestFramework(cluster.vertx, cluster.address(), info,
        DriverOptions.defaults().withCredential(new Credential("fw", SECRETS.get("fw"))))) {
      AtomicBoolean tried = new AtomicBoolean();
      dev.offerWatch = offers -> {
        if (!offers.isEmpty() && tried.compareAndSet(false, true)) {
          dev.driver.accept(List.of(offers.get(0).getId()), List.of(reserveOneCpu("dev")),
              Filters.getDefaultInstance());
        }
      };
      dev.start();
      Awaits.until("the RESERVE is refused", Duration.ofSeconds(20), () -> dev.errors.stream()
          .anyMatch(e -> e.contains("principal 'fw' may not reserve resources for role 'dev'")));
      assertThat(cluster.state().getJsonArray("slaves").getJsonObject(0)
          .getJsonObject("reserved_resources", new JsonObject())).isEmpty();
    }
  }

  @Test
  void theOperatorEventStreamShowsOnlyFrameworksAndTasksThePrincipalMayView() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(
            URI.create("http://" + cluster.address() + "/api/v1"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("Authorization", basic("viewer"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}"))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readRecords(stream.body(), events), "operator-events");
    reader.setDaemon(true);
    reader.start();
    try (TestFramework bob = framework("stream-bob", "bob");
        TestFramework alice = framework("stream-alice", "alice")) {
      String bobId = bob.start().getValue();
      bob.submit("sb1", "true");
      bob.awaitState("sb1", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
      String aliceId = alice.start().getValue();
      alice.submit("sa1", "true");
      alice.awaitState("sa1", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
      List<String> seen = new ArrayList<>();
      Awaits.until("alice's task is in the stream", Duration.ofSeconds(10), () -> {
        events.drainTo(seen);
        return seen.stream().anyMatch(e -> e.contains("TASK_UPDATED") && e.contains(aliceId));
      });
      assertThat(seen).anyMatch(e -> e.contains("FRAMEWORK_ADDED") && e.contains(aliceId));
      assertThat(seen).noneMatch(e -> e.contains(bobId));
    } finally {
      stream.body().close();
    }
  }

  private static void readRecords(InputStream in, LinkedBlockingQueue<String> out) {
    try (DataInputStream data = new DataInputStream(in)) {
      while (true) {
        int length = 0;
        for (int c = data.read(); c != '\n'; c = data.read()) {
          if (c < 0) {
            return;
          }
          length = length * 10 + (c - '0');
        }
        byte[] record = new byte[length];
        data.readFully(record);
        out.add(new String(record, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the test closed the stream
    }
  }

  private static Offer.Operation reserveOneCpu(String role) {
    Resource cpu = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(1))
        .addReservations(Resource.ReservationInfo.newBuilder().setRole(role)
            .setType(Resource.ReservationInfo.Type.DYNAMIC))
        .build();
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
        .setReserve(Offer.Operation.Reserve.newBuilder().addResources(cpu)).build();
  }

  private static TestFramework framework(String name, String user) {
    FrameworkInfo info = TestFramework.info(name, 0, false).toBuilder()
        .setUser(user).setPrincipal("fw").build();
    return new TestFramework(cluster.vertx, cluster.address(), info,
        DriverOptions.defaults().withCredential(new Credential("fw", SECRETS.get("fw"))));
  }

  private static String basic(String principal) {
    return SecureMaster.basic(principal, SECRETS.get(principal));
  }

  private static HttpResponse<String> get(String path, String principal) throws Exception {
    return cluster.send("GET", path, null, "Authorization", basic(principal));
  }

  private static HttpResponse<String> post(String path, String body, String principal)
      throws Exception {
    return cluster.send("POST", path, body, "Content-Type", "application/json",
        "Accept", "application/json", "Authorization", basic(principal));
  }

  private static List<String> frameworkIds(String path, String principal)
      throws Exception {
    JsonArray frameworks = new JsonObject(get(path, principal).body()).getJsonArray("frameworks");
    return frameworks.stream().map(f -> ((JsonObject) f).getString("id")).toList();
  }
}
