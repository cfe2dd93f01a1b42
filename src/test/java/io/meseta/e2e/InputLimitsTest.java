package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.gateway.security.InputLimits;
import io.meseta.gateway.security.SecuritySettings;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master with small limits: each limit answers its error (413, a 1009 close, 400 / an ERROR
 * event naming the limit), idle connections are closed, and after each the master still serves
 * another framework to the end of a task.
 */
class InputLimitsTest {
  private static final int MAX_BODY = 4096;
  private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{"
      + "\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}";

  @TempDir
  static Path work;

  static TestCluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();
  private static int frameworks;

  @BeforeAll
  static void start() throws Exception {
    InputLimits limits = InputLimits.defaults()
        .withMaxWebSocketMessageBytes(4096, 8192)
        .withMaxBodyBytes(MAX_BODY)
        .withPerAccept(2, 2)
        .withIdleTimeout(Duration.ofSeconds(2));
    // Agent pings as generous as the idle timeout allows: a busy machine must not lose the agent.
    cluster = TestCluster.start(TestCluster.fastConfig().withGatewayInstances(1)
        .withAgentTimeouts(Duration.ofMillis(500), 6)
        .withSecurity(SecuritySettings.defaults().withLimits(new InputLimits(
            limits.maxWebSocketFrameBytes(), limits.maxWebSocketMessageBytes(), MAX_BODY, 16,
            64, 2, 2, limits.idleTimeout()))), 1, "cpus:2;mem:512", work);
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  /** Whatever a limit did to one client, another framework still runs a task to the end. */
  @AfterEach
  void theMasterStillServesAnotherFramework() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("after-" + frameworks++, 0, false))) {
      framework.start();
      framework.submit("t", "true");
      framework.awaitState("t", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
    }
  }

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrChunked() throws Exception {
    byte[] big = ("{\"type\":\"SUBSCRIBE\",\"x\":\"" + "x".repeat(MAX_BODY) + "\"}").getBytes();
    for (String path : new String[] {"/api/v1/scheduler", "/api/v1"}) {
      HttpResponse<String> declared = post(path, HttpRequest.BodyPublishers.ofByteArray(big));
      assertThat(declared.statusCode()).as(path).isEqualTo(413);
      assertThat(declared.body()).contains("limits.max_body_bytes");
    }
    HttpResponse<String> chunked = post("/api/v1/scheduler",
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).contains("exceeds the limit of " + MAX_BODY + " bytes");
  }

  @Test
  void aWebSocketMessageOverTheLimitClosesTheSocketAsTooBig() throws Exception {
    WebSocket socket = TestCluster.await(cluster.vertx.createWebSocketClient().connect(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(cluster.master.port())
            .setURI("/api/v1/scheduler/ws")));
    CompletableFuture<String> closed = new CompletableFuture<>();
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    socket.writeTextMessage("{\"x\":\"" + "x".repeat(10_000) + "\"}");
    assertThat(closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("1009 Frame over 4096 bytes (limits.max_websocket_frame_bytes)");

    WebSocket fragmented = TestCluster.await(cluster.vertx.createWebSocketClient().connect(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(cluster.master.port())
            .setURI("/api/v1/scheduler/ws")));
    CompletableFuture<String> closedToo = new CompletableFuture<>();
    fragmented.closeHandler(v ->
        closedToo.complete(fragmented.closeStatusCode() + " " + fragmented.closeReason()));
    String part = "x".repeat(3000);
    fragmented.writeFrame(io.vertx.core.http.WebSocketFrame.textFrame(part, false));
    fragmented.writeFrame(io.vertx.core.http.WebSocketFrame.continuationFrame(
        io.vertx.core.buffer.Buffer.buffer(part), false));
    fragmented.writeFrame(io.vertx.core.http.WebSocketFrame.continuationFrame(
        io.vertx.core.buffer.Buffer.buffer(part), false));
    fragmented.writeFrame(io.vertx.core.http.WebSocketFrame.continuationFrame(
        io.vertx.core.buffer.Buffer.buffer(part), true));
    assertThat(closedToo.get(10, TimeUnit.SECONDS))
        .isEqualTo("1009 Message over 8192 bytes (limits.max_websocket_message_bytes)");
  }

  @Test
  void deepJsonIsRejectedBeforeDecoding() throws Exception {
    String deep = "{\"type\":\"SUBSCRIBE\",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}";
    HttpResponse<String> response = post("/api/v1/scheduler",
        HttpRequest.BodyPublishers.ofString(deep));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("limits.max_json_depth");
    try (RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send(deep);
      assertThat(raw.next(Duration.ofSeconds(10)).getError().getMessage())
          .contains("limits.max_json_depth");
    }
  }

  @Test
  void badIdsAndTooManyOffersOrTasksPerCallAreRejectedNamingTheLimit() throws Exception {
    try (RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send(SUBSCRIBE);
      Event subscribed = raw.next(Duration.ofSeconds(10));
      String id = subscribed.getSubscribed().getFrameworkId().getValue();
      String prefix = "{\"framework_id\":{\"value\":\"" + id + "\"},";
      raw.send(prefix + "\"type\":\"DECLINE\",\"decline\":{\"offer_ids\":[{\"value\":\"a\"},"
          + "{\"value\":\"b\"},{\"value\":\"c\"}]}}");
      assertThat(nextError(raw)).contains("DECLINE names 3 offers; at most 2");
      String task = "{\"name\":\"t\",\"task_id\":{\"value\":\"%s\"},\"agent_id\":{\"value\":"
          + "\"a\"},\"command\":{\"value\":\"true\"}}";
      raw.send(prefix + "\"type\":\"ACCEPT\",\"accept\":{\"offer_ids\":[{\"value\":\"o\"}],"
          + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":["
          + String.format(task, "a") + "," + String.format(task, "b") + ","
          + String.format(task, "c") + "]}}]}}");
      assertThat(nextError(raw)).contains("ACCEPT launches 3 tasks; at most 2");
      raw.send(prefix + "\"type\":\"KILL\",\"kill\":{\"task_id\":{\"value\":\"../../etc\"}}}");
      assertThat(nextError(raw)).contains("'kill.task_id' contains an invalid character");
      raw.send(prefix + "\"type\":\"KILL\",\"kill\":{\"task_id\":{\"value\":\""
          + "x".repeat(65) + "\"}}}");
      assertThat(nextError(raw)).contains("at most 64 (limits.max_id_length)");
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (Socket idle = new Socket()) {
      idle.connect(new InetSocketAddress("127.0.0.1", cluster.master.port()), 5000);
      idle.setSoTimeout(10_000);
      InputStream in = idle.getInputStream();
      long started = System.nanoTime();
      assertThat(in.read()).as("closed by the master").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }
  }

  private static String nextError(RawScheduler raw) throws InterruptedException {
    return raw.nextMatching(Duration.ofSeconds(10), e -> e.getType() == Event.Type.ERROR)
        .getError().getMessage();
  }

  private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + cluster.masterAddress() + path))
            .header("Content-Type", "application/json").header("Accept", "application/json")
            .POST(body).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
