package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentVerticle;
import io.meseta.protocol.json.MesosJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v1 operator API ({@code POST /api/v1}) over plain HTTP: synchronous calls in JSON and
 * protobuf, every rejection with its status and message, and the SUBSCRIBE event stream checked
 * chunk by chunk while a framework runs a real task.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorApiTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String RESOURCES = "cpus:2;mem:2048;disk:1000;ports:[31000-31100]";
  @TempDir
  static Path work;
  private TestCluster cluster;
  private OperatorHttp http;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(2, RESOURCES, work);
    http = new OperatorHttp(cluster.masterAddress());
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private static String call(Call.Type type) {
    return "{\"type\":\"" + type + "\"}";
  }

  private Response jsonCall(Call.Type type) throws Exception {
    HttpResponse<byte[]> response = http.postJson("/api/v1", call(type));
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as("%s: %s", type, body).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    String lower = type.name().toLowerCase(Locale.ROOT);
    assertThat(body).startsWith("{\"type\":\"" + type + "\",\"" + lower + "\":{");
    Response parsed = MesosJson.parse(body, Response.getDefaultInstance());
    assertThat(parsed.getType().name()).isEqualTo(type.name());
    return parsed;
  }

  @Test
  void synchronousCallsAnswerMesosResponsesInJson() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("v1-json", 0, false))) {
      String id = framework.start().getValue();
      framework.submit("v1-task", "sleep 30");
      framework.awaitState("v1-task", TaskState.TASK_RUNNING, WAIT);

      assertThat(jsonCall(Call.Type.GET_HEALTH).getGetHealth().getHealthy()).isTrue();
      assertThat(jsonCall(Call.Type.GET_VERSION).getGetVersion().getVersionInfo().getVersion())
          .isEqualTo("1.11.0");
      assertThat(jsonCall(Call.Type.GET_METRICS).getGetMetrics().getMetricsList())
          .anyMatch(m -> m.getName().equals("master/tasks_running") && m.getValue() == 1.0);
      assertThat(jsonCall(Call.Type.GET_FLAGS).getGetFlags().getFlagsList())
          .anyMatch(f -> f.getName().equals("allocation_interval")
              && f.getValue().equals("100ms"));
      Response.GetAgents agents = jsonCall(Call.Type.GET_AGENTS).getGetAgents();
      assertThat(agents.getAgentsList()).hasSize(2);
      assertThat(agents.getAgents(0).getTotalResourcesList())
          .anyMatch(r -> r.getName().equals("ports")
              && r.getRanges().getRange(0).getBegin() == 31000);
      Response.GetFrameworks frameworks = jsonCall(Call.Type.GET_FRAMEWORKS).getGetFrameworks();
      assertThat(frameworks.getFrameworksList())
          .anyMatch(f -> f.getFrameworkInfo().getId().getValue().equals(id) && f.getConnected());
      Response.GetTasks tasks = jsonCall(Call.Type.GET_TASKS).getGetTasks();
      assertThat(tasks.getTasksList())
          .anyMatch(t -> t.getTaskId().getValue().equals("v1-task")
              && t.getState() == org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING);
      Response.GetState state = jsonCall(Call.Type.GET_STATE).getGetState();
      assertThat(state.getGetAgents().getAgentsList()).hasSize(2);
      assertThat(state.getGetTasks().getTasksList()).extracting(t -> t.getTaskId().getValue())
          .contains("v1-task");
      assertThat(jsonCall(Call.Type.GET_EXECUTORS).getGetExecutors().getExecutorsList()).isEmpty();
      assertThat(jsonCall(Call.Type.GET_ROLES).getGetRoles().getRolesList())
          .anyMatch(r -> r.getName().equals("*") && r.getFrameworksList().stream()
              .anyMatch(f -> f.getValue().equals(id)));
      assertThat(jsonCall(Call.Type.GET_MASTER).getGetMaster().getMasterInfo().getVersion())
          .isEqualTo("1.11.0");
    }
  }

  @Test
  void protobufInProtobufOutAndJsonInProtobufOut() throws Exception {
    byte[] body = Call.newBuilder().setType(Call.Type.GET_STATE).build().toByteArray();
    HttpResponse<byte[]> response = http.post("/api/v1", body,
        "Content-Type", "application/x-protobuf", "Accept", "application/x-protobuf");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/x-protobuf");
    Response parsed = Response.parseFrom(response.body());
    assertThat(parsed.getType()).isEqualTo(Response.Type.GET_STATE);
    assertThat(parsed.getGetState().getGetAgents().getAgentsCount()).isEqualTo(2);

    HttpResponse<byte[]> mixed = http.post("/api/v1",
        call(Call.Type.GET_HEALTH).getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json", "Accept", "application/x-protobuf");
    assertThat(Response.parseFrom(mixed.body()).getGetHealth().getHealthy()).isTrue();
  }

  @Test
  void teardownCallRemovesTheFramework() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("v1-teardown", 0, false))) {
      FrameworkID id = framework.start();
      HttpResponse<byte[]> done = http.postJson("/api/v1", "{\"type\":\"TEARDOWN\","
          + "\"teardown\":{\"framework_id\":{\"value\":\"" + id.getValue() + "\"}}}");
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(done.body()).isEmpty();
      Awaits.until("the framework to be completed", WAIT, () -> jsonCall(Call.Type.GET_FRAMEWORKS)
          .getGetFrameworks().getCompletedFrameworksList().stream()
          .anyMatch(f -> f.getFrameworkInfo().getId().equals(id)));
    }
  }

  @Test
  void everyRejectionSaysWhatWasWrong() throws Exception {
    HttpResponse<String> get = http.get("/api/v1");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    assertThat(get.body()).isEqualTo("Expecting 'POST', received 'GET'");

    byte[] health = call(Call.Type.GET_HEALTH).getBytes(StandardCharsets.UTF_8);
    assertRejected(http.post("/api/v1", health), 400, "Expecting 'Content-Type' to be present");
    assertRejected(http.post("/api/v1", health, "Content-Type", "text/plain"), 415,
        "Expecting 'Content-Type' of application/json or application/x-protobuf, got 'text/plain'");
    assertRejected(http.post("/api/v1", health, "Content-Type", "application/json; charset=utf-8"),
        415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
    assertRejected(http.post("/api/v1", health, "Content-Type", "application/json",
        "Accept", "text/html"), 406, "Expecting 'Accept' to allow application/json or"
        + " application/x-protobuf, got 'text/html'");
    assertRejected(http.postJson("/api/v1", "{\"type\":"), 400, "Failed to parse body into Call:");
    assertRejected(http.postJson("/api/v1", call(Call.Type.GET_MAINTENANCE_SCHEDULE)), 501,
        "Call type GET_MAINTENANCE_SCHEDULE is not supported by Meseta yet");
    assertRejected(http.postJson("/api/v1", "{\"type\":\"UNKNOWN\"}"), 501, "Unknown call type");
    assertRejected(http.postJson("/api/v1", call(Call.Type.TEARDOWN)), 400,
        "Expecting 'teardown' to be present in a TEARDOWN call");
    assertRejected(http.postJson("/api/v1", "{\"type\":\"TEARDOWN\","
        + "\"teardown\":{\"framework_id\":{\"value\":\"nobody\"}}}"), 400,
        "No framework found with ID 'nobody'");
  }

  @Test
  void subscribeStreamsOneRecordPerChunkAsAFrameworkRunsATask() throws Exception {
    byte[] subscribe = call(Call.Type.SUBSCRIBE).getBytes(StandardCharsets.UTF_8);
    try (OperatorHttp.Stream stream = new OperatorHttp.Stream(cluster.masterAddress(), "/api/v1",
        subscribe, "Content-Type", "application/json")) {
      assertThat(stream.status).isEqualTo(200);
      assertThat(stream.headers.get("content-type")).isEqualTo("application/json");
      assertThat(stream.headers.get("transfer-encoding")).isEqualTo("chunked");
      assertThat(stream.headers).doesNotContainKey("content-length");

      Event subscribed = nextEvent(stream, e -> true);
      assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
      assertThat(subscribed.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(1.0);
      assertThat(subscribed.getSubscribed().getGetState().getGetAgents().getAgentsCount())
          .isEqualTo(2);
      assertThat(nextEvent(stream, e -> true).getType()).isEqualTo(Event.Type.HEARTBEAT);

      String frameworkId;
      try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
          TestFramework.info("watched", 0, false))) {
        frameworkId = framework.start().getValue();
        Event added = nextEvent(stream, e -> e.getType() == Event.Type.FRAMEWORK_ADDED);
        assertThat(added.getFrameworkAdded().getFramework().getFrameworkInfo().getName())
            .isEqualTo("watched");
        framework.submit("watched-task", "true");
        Event taskAdded = nextEvent(stream, e -> e.getType() == Event.Type.TASK_ADDED);
        assertThat(taskAdded.getTaskAdded().getTask().getTaskId().getValue())
            .isEqualTo("watched-task");
        assertThat(taskAdded.getTaskAdded().getTask().getState())
            .isEqualTo(org.apache.mesos.v1.Protos.TaskState.TASK_STAGING);
        Event running = nextEvent(stream, e -> e.getType() == Event.Type.TASK_UPDATED
            && e.getTaskUpdated().getState() == org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING);
        assertThat(running.getTaskUpdated().getFrameworkId().getValue()).isEqualTo(frameworkId);
        nextEvent(stream, e -> e.getType() == Event.Type.TASK_UPDATED
            && e.getTaskUpdated().getState() == org.apache.mesos.v1.Protos.TaskState.TASK_FINISHED);
        framework.awaitState("watched-task", TaskState.TASK_FINISHED, WAIT);
      }
      Event removed = nextEvent(stream, e -> e.getType() == Event.Type.FRAMEWORK_REMOVED);
      assertThat(removed.getFrameworkRemoved().getFrameworkInfo().getId().getValue())
          .isEqualTo(frameworkId);

      AgentVerticle third = cluster.addAgent(RESOURCES, work.resolve("third"));
      Event agentAdded = nextEvent(stream, e -> e.getType() == Event.Type.AGENT_ADDED);
      Awaits.until("the third agent to know its id", WAIT, () -> third.agentId() != null);
      assertThat(agentAdded.getAgentAdded().getAgent().getAgentInfo().getId().getValue())
          .isEqualTo(third.agentId());
      TestCluster.await(cluster.vertx.undeploy(third.deploymentID()));
      Event agentRemoved = nextEvent(stream, e -> e.getType() == Event.Type.AGENT_REMOVED);
      assertThat(agentRemoved.getAgentRemoved().getAgentId().getValue()).isEqualTo(third.agentId());
    }
  }

  @Test
  void subscribeInProtobufStreamsProtobufRecords() throws Exception {
    byte[] subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE).build().toByteArray();
    try (OperatorHttp.Stream stream = new OperatorHttp.Stream(cluster.masterAddress(), "/api/v1",
        subscribe, "Content-Type", "application/x-protobuf", "Accept", "application/x-protobuf")) {
      assertThat(stream.headers.get("content-type")).isEqualTo("application/x-protobuf");
      byte[] chunk = stream.nextChunk(WAIT);
      Event subscribed = Event.parseFrom(onlyRecord(chunk));
      assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
      assertThat(Event.parseFrom(onlyRecord(stream.nextChunk(WAIT))).getType())
          .isEqualTo(Event.Type.HEARTBEAT);
    }
  }

  private static void assertRejected(HttpResponse<byte[]> response, int status, String start) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    assertThat(body).startsWith(start);
  }

  /** Reads chunks until an event matches; each chunk must hold exactly one JSON record. */
  private static Event nextEvent(OperatorHttp.Stream stream, Predicate<Event> match)
      throws Exception {
    List<Event.Type> seen = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      byte[] chunk = stream.nextChunk(Duration.ofSeconds(5));
      if (chunk == null) {
        continue;
      }
      String json = new String(onlyRecord(chunk), StandardCharsets.US_ASCII);
      Event event = MesosJson.parse(json, Event.getDefaultInstance());
      if (match.test(event)) {
        return event;
      }
      seen.add(event.getType());
    }
    throw new AssertionError("no matching event within " + WAIT + "; saw " + seen);
  }

  /** The payload of a chunk that is exactly one RecordIO record: "<byte length>\n<payload>". */
  private static byte[] onlyRecord(byte[] chunk) {
    assertThat(chunk).isNotNull();
    int newline = 0;
    while (chunk[newline] != '\n') {
      assertThat(Character.isDigit(chunk[newline])).as("record length digit").isTrue();
      newline++;
    }
    int length = Integer.parseInt(new String(chunk, 0, newline, StandardCharsets.US_ASCII));
    assertThat(chunk.length - newline - 1).as("one record per chunk").isEqualTo(length);
    byte[] payload = new byte[length];
    System.arraycopy(chunk, newline + 1, payload, 0, length);
    return payload;
  }
}
