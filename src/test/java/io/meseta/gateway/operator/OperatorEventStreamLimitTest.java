package io.meseta.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.meseta.master.bus.OperatorFacts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator event stream on a gateway with stand-in services that answer empty state: the
 * subscriber limit, and a fact published on the bus reaching a subscriber as one record.
 */
class OperatorEventStreamLimitTest {
  private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\"}";
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Messages.registerCodecs(vertx.eventBus());
    Map<String, JsonObject> empty = Map.of(
        Addresses.AGENTS, new JsonObject().put("slaves", new JsonArray()),
        Addresses.FRAMEWORKS, new JsonObject().put("frameworks", new JsonArray())
            .put("completed_frameworks", new JsonArray()),
        Addresses.TASKS, new JsonObject().put("tasks_by_framework", new JsonObject()),
        Addresses.ALLOCATOR, new JsonObject().put("agents", new JsonObject())
            .put("frameworks", new JsonObject()));
    empty.forEach((service, state) ->
        vertx.eventBus().consumer(Addresses.state(service), m -> m.reply(state.copy())));
    // Stream, API and server share one context, as they do inside the gateway verticle.
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> {
      OperatorEventStream stream = new OperatorEventStream(vertx, Duration.ofHours(1), 1);
      stream.start();
      Router router = Router.router(vertx);
      new OperatorApi(vertx.eventBus(), MasterIdentity.create("localhost", 0, 0), Map.of(),
          stream).mount(router);
      vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .onSuccess(server -> listening.complete(server.actualPort()))
          .onFailure(listening::completeExceptionally);
    });
    port = listening.get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void aSubscriberBeyondTheLimitIsTurnedAwayUntilOneLeaves() throws Exception {
    try (Socket first = subscribe()) {
      assertThat(head(first)).startsWith("HTTP/1.1 200");
      try (Socket second = subscribe()) {
        String refused = readAll(second);
        assertThat(refused).startsWith("HTTP/1.1 503");
        assertThat(refused).contains("Too many operator event stream subscribers: this master"
            + " serves at most 1");
      }
      vertx.eventBus().publish(Addresses.OPERATOR_EVENTS, new OperatorFacts.AgentRemoved("a-1"));
      String expected = "{\"type\":\"AGENT_REMOVED\",\"agent_removed\":{\"agent_id\":"
          + "{\"value\":\"a-1\"}}}";
      String record = expected.length() + "\n" + expected;
      String chunk = Integer.toHexString(record.length()) + "\r\n" + record + "\r\n";
      assertThat(readUntil(first, chunk)).endsWith(chunk);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String answer = "";
    while (System.nanoTime() < deadline && !answer.startsWith("HTTP/1.1 200")) {
      try (Socket again = subscribe()) {
        answer = head(again);
      }
    }
    assertThat(answer).as("a new subscriber once the first left").startsWith("HTTP/1.1 200");
  }

  private Socket subscribe() throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5_000);
    socket.getOutputStream().write(("POST /api/v1 HTTP/1.1\r\nHost: x\r\nContent-Type:"
        + " application/json\r\nContent-Length: " + SUBSCRIBE.length() + "\r\n\r\n" + SUBSCRIBE)
        .getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  private static String head(Socket socket) throws Exception {
    return readUntil(socket, "\r\n\r\n");
  }

  private static String readUntil(Socket socket, String end) throws Exception {
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    int b;
    while (!text.toString().endsWith(end) && (b = in.read()) >= 0) {
      text.append((char) b);
    }
    return text.toString();
  }

  private static String readAll(Socket socket) throws Exception {
    String head = head(socket);
    var length = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
        .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
    return head + new String(socket.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
