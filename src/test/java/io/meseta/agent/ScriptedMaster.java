package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.meseta.protocol.agent.AgentCodec;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A master that only speaks the agent protocol, scripted by the test: it records what the agent
 * sends and answers registrations (and, when asked, status updates) by itself.
 */
final class ScriptedMaster {
  static final Duration WAIT = Duration.ofSeconds(15);

  final LinkedBlockingQueue<AgentMessage> received = new LinkedBlockingQueue<>();
  final AtomicInteger connections = new AtomicInteger();
  volatile boolean autoAck = true;
  volatile long pingIntervalMillis = 60_000;
  volatile String agentId = "test-master-S0";
  /** How many (re)registrations to refuse with ERROR before accepting one. */
  final AtomicInteger refusals = new AtomicInteger();
  private volatile ServerWebSocket socket;
  private final HttpServer server;

  private ScriptedMaster(HttpServer server) {
    this.server = server;
  }

  static ScriptedMaster start(Vertx vertx) throws Exception {
    ScriptedMaster[] self = new ScriptedMaster[1];
    HttpServer server =
        vertx.createHttpServer()
            .webSocketHandler(ws -> self[0].accept(ws))
            .requestHandler(req -> req.response().setStatusCode(404).end());
    self[0] = new ScriptedMaster(server);
    server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    return self[0];
  }

  String address() {
    return "127.0.0.1:" + server.actualPort();
  }

  private void accept(ServerWebSocket ws) {
    if (!MasterConnection.PATH.equals(ws.path())) {
      ws.close((short) 1008, "wrong path");
      return;
    }
    connections.incrementAndGet();
    socket = ws;
    ws.textMessageHandler(frame -> {
      AgentMessage message = AgentCodec.decode(frame);
      if (message instanceof AgentMessage.Register || message instanceof AgentMessage.Reregister) {
        send(refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0
            ? new AgentMessage.Error("not accepting agents yet")
            : new AgentMessage.Registered(agentId, pingIntervalMillis));
      } else if (autoAck && message instanceof AgentMessage.StatusUpdate update) {
        acknowledge(update.status());
      }
      // recorded after the answer: what the test sends next must follow REGISTERED on the socket
      received.add(message);
    });
  }

  void send(AgentMessage.ToAgent message) {
    ServerWebSocket ws = socket;
    assertThat(ws).as("an agent connection").isNotNull();
    ws.writeTextMessage(AgentCodec.encode(message));
  }

  void acknowledge(TaskStatusReport status) {
    send(new AgentMessage.Acknowledge(status.frameworkId(), status.taskId(), status.uuid()));
  }

  /** Closes the agent's socket from the master side, as a master node going away would. */
  void dropConnection() {
    socket.close((short) 1001, "master going away");
  }

  /** The next message of this type; messages of other types on the way are skipped. */
  <T extends AgentMessage> T next(Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      AgentMessage message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (type.isInstance(message)) {
        return type.cast(message);
      }
    }
    return fail("no %s from the agent within %s", type.getSimpleName(), WAIT);
  }

  TaskStatusReport nextUpdate() throws InterruptedException {
    return next(AgentMessage.StatusUpdate.class).status();
  }

  /** Asserts the agent sends nothing (of interest) for a while. */
  void expectSilence(Duration quiet) throws InterruptedException {
    AgentMessage message = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).as("message while the agent should be quiet").isNull();
  }

  void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }
}
