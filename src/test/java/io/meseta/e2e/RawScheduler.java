package io.meseta.e2e;

import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A framework connection with no SDK in between: sends raw text frames, exactly as given, and
 * queues every event received. For tests of what the master does with bad input.
 */
final class RawScheduler implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket socket;
  final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  RawScheduler(Vertx vertx, int port) throws Exception {
    client = vertx.createWebSocketClient();
    socket = TestCluster.await(client.connect(new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/api/v1/scheduler/ws")));
    socket.textMessageHandler(text -> events.add(MesosJson.parse(text, Event.getDefaultInstance())));
    socket.closeHandler(v -> closed = true);
  }

  void send(String frame) throws Exception {
    TestCluster.await(socket.writeTextMessage(frame));
  }

  /** The next event that is not a HEARTBEAT, within the limit. */
  Event next(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no event within " + limit);
      }
      if (e.getType() != Event.Type.HEARTBEAT) {
        return e;
      }
    }
  }

  /** Skips events until one matches. */
  Event nextMatching(Duration limit, Predicate<Event> match) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (match.test(e)) {
        return e;
      }
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() throws Exception {
    if (!socket.isClosed()) {
      TestCluster.await(socket.close());
    }
  }
}
