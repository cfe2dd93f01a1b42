package io.meseta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bytes of {@code POST /api/v1/scheduler} on the wire (reference/mesos-api.md §1.1, §1.2,
 * §9): status lines, exact headers, one RecordIO record per chunk, lengths in bytes, ASCII-only
 * JSON, lenient JSON input, chunked request bodies, keep-alive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSchedulerWireTest {
  static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":"
      + "{\"user\":\"test\",\"name\":\"wire\",\"failover_timeout\":\"0\",\"roles\":null,"
      + "\"capabilities\":null}}}";
  private final Vertx vertx = Vertx.vertx();
  private MasterNode master;

  @BeforeAll
  void start() throws Exception {
    master = await(MasterNode.start(vertx, config()));
  }

  @AfterAll
  void stop() throws Exception {
    await(vertx.close());
  }

  static MasterConfig config() {
    return MasterConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withHeartbeatInterval(Duration.ofMillis(300));
  }

  @Test
  void subscribeAnswersAChunkedStreamWithExactHeadersAndOneRecordPerChunk() throws Exception {
    // Lower-case header names and a chunked request body, as some clients send them.
    try (RawHttp http = new RawHttp(master.port())) {
      http.write(("POST /api/v1/scheduler HTTP/1.1\r\nhost: 127.0.0.1\r\n"
          + "content-type: application/json\r\naccept: application/json, application/json\r\n"
          + "transfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] body = SUBSCRIBE.getBytes(StandardCharsets.UTF_8);
      int half = body.length / 2;
      http.write(chunk(body, 0, half));
      http.write(chunk(body, half, body.length));
      http.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      MesosStream stream = MesosStream.open(http);

      assertThat(stream.head.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(stream.head.headerLines())
          .contains("Content-Type: application/json", "Transfer-Encoding: chunked")
          .noneMatch(line -> line.toLowerCase().startsWith("content-length"));
      assertThat(stream.streamId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat(stream.head.headerLines()).contains("Mesos-Stream-Id: " + stream.streamId());

      String subscribed = new String(stream.nextRecord(), StandardCharsets.US_ASCII);
      assertThat(subscribed).startsWith("{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":")
          .contains("\"heartbeat_interval_seconds\":0.3");
      assertThat(new String(stream.nextRecord(), StandardCharsets.US_ASCII))
          .isEqualTo("{\"type\":\"HEARTBEAT\"}");
      String framework = stream.decode(subscribed.getBytes(StandardCharsets.US_ASCII))
          .getSubscribed().getFrameworkId().getValue();

      // Non-ASCII task ids come back \\u-escaped; the length prefix counts bytes.
      try (RawHttp calls = new RawHttp(master.port())) {
        RawHttp.Response accepted = calls.post(MesosStream.PATH, "{\"type\":\"RECONCILE\","
                + "\"framework_id\":{\"value\":\"" + framework + "\"},\"reconcile\":{\"tasks\":"
                + "[{\"task_id\":{\"value\":\"t-\u00e9\u65e5\u672c\"},\"agent_id\":null}]}}",
            "content-type: application/json", "mesos-stream-id: " + stream.streamId());
        assertThat(accepted.head().statusLine()).isEqualTo("HTTP/1.1 202 Accepted");
        assertThat(accepted.head().headerLines()).contains("Content-Length: 0");
        assertThat(accepted.body()).isEmpty();

        byte[] update = stream.nextRecord();
        while (new String(update, StandardCharsets.US_ASCII).equals("{\"type\":\"HEARTBEAT\"}")) {
          update = stream.nextRecord();
        }
        String text = new String(update, StandardCharsets.UTF_8);
        assertThat(text).contains("\"task_id\":{\"value\":\"t-\\u00E9\\u65E5\\u672C\"}");
        for (byte b : update) {
          assertThat(b).as("JSON on the stream is ASCII-only").isBetween((byte) 0, (byte) 127);
        }
        assertThat(stream.decode(update).getUpdate().getStatus().getState())
            .isEqualTo(TaskState.TASK_LOST);

        // Same connection (keep-alive): numbers as strings, nulls as unset.
        RawHttp.Response declined = calls.post(MesosStream.PATH, "{\"type\":\"DECLINE\","
                + "\"framework_id\":{\"value\":\"" + framework + "\"},\"decline\":{\"offer_ids\":"
                + "[{\"value\":\"no-such-offer\"}],\"filters\":{\"refuse_seconds\":\"5\"}},"
                + "\"kill\":null}",
            "Content-Type: application/json", "Mesos-Stream-Id: " + stream.streamId());
        assertThat(declined.status()).isEqualTo(202);

        RawHttp.Response teardown = calls.post(MesosStream.PATH, "{\"type\":\"TEARDOWN\","
                + "\"framework_id\":{\"value\":\"" + framework + "\"}}",
            "Content-Type: application/json", "Mesos-Stream-Id: " + stream.streamId());
        assertThat(teardown.status()).isEqualTo(202);
      }
      stream.awaitEnd();
    }
  }

  @Test
  void protobufStreamsCarrySerializedEventsWithByteLengths() throws Exception {
    Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(
            org.apache.mesos.v1.Protos.FrameworkInfo.newBuilder().setUser("test").setName("pb")))
        .build();
    try (RawHttp http = new RawHttp(master.port())) {
      http.request("POST", "/master/api/v1/scheduler", subscribe.toByteArray(),
          "Content-Type: application/x-protobuf", "Accept: application/x-protobuf");
      MesosStream stream = MesosStream.open(http);
      assertThat(stream.head.headerLines()).contains("Content-Type: application/x-protobuf");
      Event subscribed = stream.next();
      assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);

      String taskId = "t-\u00e9\u65e5\u672c";
      Call reconcile = Call.newBuilder().setType(Call.Type.RECONCILE)
          .setFrameworkId(subscribed.getSubscribed().getFrameworkId())
          .setReconcile(Call.Reconcile.newBuilder().addTasks(Call.Reconcile.Task.newBuilder()
              .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue(taskId))))
          .build();
      try (RawHttp calls = new RawHttp(master.port())) {
        calls.request("POST", "/master/api/v1/scheduler", reconcile.toByteArray(),
            "Content-Type: application/x-protobuf", "Mesos-Stream-Id: " + stream.streamId());
        assertThat(calls.readResponse().status()).isEqualTo(202);
      }
      byte[] record = stream.nextRecord();
      while (Event.parseFrom(record).getType() == Event.Type.HEARTBEAT) {
        record = stream.nextRecord();
      }
      Event update = Event.parseFrom(record);
      // nextRecord checked the prefix against the byte count; the id has more bytes than chars.
      assertThat(update.getUpdate().getStatus().getTaskId().getValue()).isEqualTo(taskId);
      assertThat(taskId.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(taskId.length());
    }
  }

  @Test
  void aSecondSubscribeFailsTheFirstStreamOverWithAnError() throws Exception {
    try (MesosStream first = MesosStream.subscribe(master.port(), SUBSCRIBE.replace(
        "\"failover_timeout\":\"0\"", "\"failover_timeout\":60"), "Content-Type: application/json")) {
      String framework = first.next().getSubscribed().getFrameworkId().getValue();
      String again = "{\"type\":\"SUBSCRIBE\",\"framework_id\":{\"value\":\"" + framework + "\"},"
          + "\"subscribe\":{\"framework_info\":{\"user\":\"test\",\"name\":\"wire\","
          + "\"failover_timeout\":60,\"id\":{\"value\":\"" + framework + "\"}}}}";
      try (MesosStream second = MesosStream.subscribe(master.port(), again,
          "Content-Type: application/json")) {
        assertThat(second.next().getType()).isEqualTo(Event.Type.SUBSCRIBED);
        assertThat(second.streamId()).isNotEqualTo(first.streamId());
        Event error = first.next(e -> e.getType() != Event.Type.HEARTBEAT);
        assertThat(error.getError().getMessage()).isEqualTo("Framework failed over");
        first.awaitEnd();
        try (RawHttp calls = new RawHttp(master.port())) {
          String teardown = "{\"type\":\"TEARDOWN\",\"framework_id\":{\"value\":\"" + framework + "\"}}";
          assertThat(calls.post(MesosStream.PATH, teardown, "Content-Type: application/json",
              "Mesos-Stream-Id: " + first.streamId()).status()).isEqualTo(400);
          assertThat(calls.post(MesosStream.PATH, teardown, "Content-Type: application/json",
              "Mesos-Stream-Id: " + second.streamId()).status()).isEqualTo(202);
        }
        second.awaitEnd();
      }
    }
  }

  @Test
  void redirectAnswers307AtOnceAlsoForAbsoluteFormRequestLines() throws Exception {
    String location = "//localhost:" + master.port();
    try (RawHttp http = new RawHttp(master.port())) {
      http.request("GET", "/redirect", null);
      RawHttp.Response plain = http.readResponse();
      assertThat(plain.head().statusLine()).isEqualTo("HTTP/1.1 307 Temporary Redirect");
      assertThat(plain.head().headerLines()).contains("Location: " + location);
      http.request("GET", "http://127.0.0.1:" + master.port() + "/master/redirect", null);
      RawHttp.Response absolute = http.readResponse();
      assertThat(absolute.status()).isEqualTo(307);
      assertThat(absolute.head().header("Location")).contains(location);
    }
  }

  private static byte[] chunk(byte[] data, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data, from, to - from);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
