package io.meseta.gateway;

import static io.meseta.gateway.HttpSchedulerWireTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.master.MasterNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every rejection of {@code POST /api/v1/scheduler} (reference/mesos-api.md §1.1) with its
 * status and message, and the calls that are accepted without a feature behind them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSchedulerRejectionsTest {
  private static final String JSON = "Content-Type: application/json";
  private final Vertx vertx = Vertx.vertx();
  private MasterNode master;

  @BeforeAll
  void start() throws Exception {
    master = await(MasterNode.start(vertx, HttpSchedulerWireTest.config()));
  }

  @AfterAll
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void transportLevelRejections() throws Exception {
    try (RawHttp http = new RawHttp(master.port())) {
      http.request("GET", "/api/v1/scheduler", null);
      RawHttp.Response get = http.readResponse();
      assertThat(get.head().statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
      assertThat(get.head().headerLines()).contains("Allow: POST");

      http.request("PUT", "/master/api/v1/scheduler", "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(http.readResponse().status()).isEqualTo(405);

      expect(http.post(MesosStream.PATH, "{}"), 400, "Expecting 'Content-Type' to be present");
      expect(http.post(MesosStream.PATH, "{}", "Content-Type: application/json; charset=utf-8"),
          415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
      expect(http.post(MesosStream.PATH, "{}", "Content-Type: text/plain"), 415, "text/plain");
      expect(http.post(MesosStream.PATH, "{not json", JSON), 400, "Failed to parse scheduler Call");
      expect(http.post(MesosStream.PATH, "garbage", "Content-Type: application/x-protobuf"), 400,
          "Failed to parse body into Call protobuf");
      expect(http.post(MesosStream.PATH, "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"f\"}}",
          JSON), 400, "Failed to validate scheduler::Call: Expecting 'accept' to be present");
      expect(http.post(MesosStream.PATH, "{\"type\":\"REVIVE\"}", JSON), 400,
          "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
      expect(http.post(MesosStream.PATH, "{\"type\":\"NO_SUCH_CALL\"}", JSON), 400,
          "Expecting 'type' to be present");
      expect(http.post(MesosStream.PATH, subscribe("\"id\":{\"value\":\"a\"}"), JSON), 400,
          "'framework_id' differs from 'subscribe.framework_info.id'");
      expect(http.post(MesosStream.PATH, subscribe(""), JSON, "Mesos-Stream-Id: x"), 400,
          "Subscribe calls should not include the 'Mesos-Stream-Id' header");
      expect(http.post(MesosStream.PATH, subscribe(""), JSON, "Accept: text/html"), 406,
          "Expecting 'Accept' to allow");
      expect(http.post(MesosStream.PATH, subscribe(""), JSON,
          "Accept: application/json;q=0, application/x-protobuf;q=0"), 406, "Accept");
      expect(http.post(MesosStream.PATH, call("REVIVE", "no-such-framework", ""), JSON,
          "Mesos-Stream-Id: x"), 400, "Framework cannot be found");
    }
  }

  @Test
  void aSubscribeTheFrameworksServiceRefusesGetsAnErrorEventAndTheStreamEnds() throws Exception {
    // As in Mesos: the stream opens (200), the first event is ERROR, then the stream closes.
    try (MesosStream stream = MesosStream.subscribe(master.port(), "{\"type\":\"SUBSCRIBE\","
        + "\"subscribe\":{\"framework_info\":{\"user\":\" \",\"name\":\"x\"}}}", JSON)) {
      assertThat(stream.head.status()).isEqualTo(200);
      Event error = stream.next();
      assertThat(error.getType()).isEqualTo(Event.Type.ERROR);
      assertThat(error.getError().getMessage()).contains("'framework_info.user' must be set");
      stream.awaitEnd();
    }
  }

  @Test
  void callsOnAStreamAreCheckedAgainstTheFrameworkAndItsStream() throws Exception {
    try (MesosStream stream = MesosStream.subscribe(master.port(), subscribe(""), JSON);
        RawHttp http = new RawHttp(master.port())) {
      String fw = stream.next().getSubscribed().getFrameworkId().getValue();
      String streamId = "Mesos-Stream-Id: " + stream.streamId();
      expect(http.post(MesosStream.PATH, call("REVIVE", fw, ""), JSON), 400,
          "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
      expect(http.post(MesosStream.PATH, call("REVIVE", fw, ""), JSON, "Mesos-Stream-Id: other"),
          400, "The stream ID 'other' included in this request didn't match the stream ID"
              + " currently associated with framework ID " + fw);
      expect(http.post(MesosStream.PATH, call("UNKNOWN", fw, ""), JSON, streamId), 501, "UNKNOWN");
      expect(http.post(MesosStream.PATH, call("SHUTDOWN", fw, ",\"shutdown\":{\"executor_id\":"
          + "{\"value\":\"e\"},\"agent_id\":{\"value\":\"a\"}}"), JSON, streamId), 400,
          "there is nothing to shut down");
      expect(http.post(MesosStream.PATH, call("ACKNOWLEDGE_OPERATION_STATUS", fw,
          ",\"acknowledge_operation_status\":{\"agent_id\":{\"value\":\"a\"},"
              + "\"uuid\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"operation_id\":{\"value\":\"op\"}}"),
          JSON, streamId), 400, "nothing to acknowledge");
      expect(http.post(MesosStream.PATH, call("ACKNOWLEDGE", fw, ",\"acknowledge\":{\"agent_id\":"
          + "{\"value\":\"a\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"AAAA\"}"), JSON, streamId),
          400, "Not a valid UUID");
      // Accepted and ignored, as by Mesos' built-in allocator and without inverse offers.
      for (String accepted : new String[] {
          call("REQUEST", fw, ",\"request\":{\"requests\":[]}"),
          call("ACCEPT_INVERSE_OFFERS", fw, ",\"accept_inverse_offers\":{\"inverse_offer_ids\":"
              + "[{\"value\":\"io-1\"}]}"),
          call("DECLINE_INVERSE_OFFERS", fw, ",\"decline_inverse_offers\":{\"inverse_offer_ids\":"
              + "[{\"value\":\"io-1\"}]}")}) {
        expect(http.post(MesosStream.PATH, accepted, JSON, streamId), 202, "");
      }
      expect(http.post(MesosStream.PATH, call("RECONCILE_OPERATIONS", fw,
          ",\"reconcile_operations\":{\"operations\":[{\"operation_id\":{\"value\":\"op-1\"},"
              + "\"agent_id\":{\"value\":\"a-1\"}}]}"), JSON, streamId), 202, "");
      Event unknown = stream.next(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS);
      assertThat(unknown.getUpdateOperationStatus().getStatus().getState())
          .isEqualTo(OperationState.OPERATION_UNKNOWN);
      assertThat(unknown.getUpdateOperationStatus().getStatus().getOperationId().getValue())
          .isEqualTo("op-1");
      assertThat(unknown.getUpdateOperationStatus().getStatus().hasUuid()).isFalse();

      expect(http.post(MesosStream.PATH, call("TEARDOWN", fw, ""), JSON, streamId), 202, "");
      stream.awaitEnd();
      expect(http.post(MesosStream.PATH, call("REVIVE", fw, ""), JSON, streamId), 400,
          "Framework cannot be found");
    }
  }

  @Test
  void updateFrameworkAppliesAllOrNothingAndAnswers200() throws Exception {
    try (MesosStream stream = MesosStream.subscribe(master.port(), subscribe(
            "\"principal\":\"p\",\"failover_timeout\":60"), JSON);
        RawHttp http = new RawHttp(master.port())) {
      String fw = stream.next().getSubscribed().getFrameworkId().getValue();
      String streamId = "Mesos-Stream-Id: " + stream.streamId();
      String info = "\"framework_info\":{\"user\":\"test\",\"id\":{\"value\":\"" + fw + "\"},";
      expect(http.post(MesosStream.PATH, call("UPDATE_FRAMEWORK", fw, ",\"update_framework\":{"
          + info + "\"name\":\"renamed\",\"principal\":\"q\"}}"), JSON, streamId), 400,
          "Changing framework's principal is not allowed.");
      expect(http.post(MesosStream.PATH, call("UPDATE_FRAMEWORK", fw, ",\"update_framework\":{"
          + info + "\"name\":\"renamed\",\"principal\":\"p\"},\"suppressed_roles\":[\"x\"]}"),
          JSON, streamId), 400, "Suppressed roles [x] are not contained in the set of roles");
      expect(http.post(MesosStream.PATH, call("UPDATE_FRAMEWORK", fw, ",\"update_framework\":{"
          + "\"framework_info\":{\"user\":\"test\",\"name\":\"x\",\"id\":{\"value\":\"other\"}}}"),
          JSON, streamId), 400, "'framework_id' differs from 'update_framework.framework_info.id'");
      assertThat(framework(fw).getString("name")).isEqualTo("http");

      RawHttp.Response ok = http.post(MesosStream.PATH, call("UPDATE_FRAMEWORK", fw,
          ",\"update_framework\":{" + info + "\"name\":\"renamed\",\"principal\":\"p\","
              + "\"failover_timeout\":120},\"suppressed_roles\":[\"*\"]}"), JSON, streamId);
      assertThat(ok.head().statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(ok.head().headerLines()).contains("Content-Length: 0");
      JsonObject updated = framework(fw);
      assertThat(updated.getString("name")).isEqualTo("renamed");
      assertThat(updated.getDouble("failover_timeout")).isEqualTo(120.0);

      // Disconnected (failover timeout running): calls are refused with 403.
      stream.close();
      String revive = call("REVIVE", fw, "");
      RawHttp.Response refused = null;
      for (int i = 0; i < 100 && (refused == null || refused.status() != 403); i++) {
        refused = http.post(MesosStream.PATH, revive, JSON, streamId);
        Thread.sleep(20);
      }
      expect(refused, 403, "Framework is not subscribed");
    }
  }

  @Test
  void aFrameworkOnTheWebSocketTransportCannotCallOverHttp() throws Exception {
    WebSocket socket = connectWebSocket();
    CompletableFuture<String> subscribed = new CompletableFuture<>();
    socket.textMessageHandler(subscribed::complete);
    socket.writeTextMessage(subscribe(""));
    String fw = new JsonObject(subscribed.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .getJsonObject("subscribed").getJsonObject("framework_id").getString("value");
    try (RawHttp http = new RawHttp(master.port())) {
      expect(http.post(MesosStream.PATH, call("REVIVE", fw, ""), JSON, "Mesos-Stream-Id: x"),
          403, "Framework is not connected via HTTP");
    } finally {
      await(socket.close());
    }
  }

  /**
   * The Vert.x client on a loaded machine now and then reports "Connection closed" for a
   * handshake whose pooled connection it evicted; what this class tests starts after the
   * handshake, so a second attempt is fair.
   */
  private WebSocket connectWebSocket() throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(master.port()).setURI("/api/v1/scheduler/ws")));
      } catch (java.util.concurrent.ExecutionException e) {
        last = e;
      }
    }
    throw last;
  }

  private JsonObject framework(String id) throws Exception {
    HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + master.port() + "/master/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(state.body()).getJsonArray("frameworks").stream()
        .map(JsonObject.class::cast).filter(f -> f.getString("id").equals(id))
        .findFirst().orElseThrow();
  }

  private static void expect(RawHttp.Response response, int status, String message) {
    assertThat(response.status()).as("status of response %s", response).isEqualTo(status);
    assertThat(response.body()).contains(message);
  }

  private static String subscribe(String extraInfo) {
    return "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"test\","
        + "\"name\":\"http\"" + (extraInfo.isEmpty() ? "" : "," + extraInfo) + "}}}";
  }

  private static String call(String type, String framework, String rest) {
    return "{\"type\":\"" + type + "\",\"framework_id\":{\"value\":\"" + framework + "\"}"
        + rest + "}";
  }
}
