package io.meseta.loadtest.fuzz;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Fuzzes a WebSocket entry point: one connection per worker, one text frame per input. The outcome is
 * the first answer frame within {@link #QUIET_MILLIS} (else "no answer"), or "closed" if the master
 * closed the connection, after which the worker reconnects. Unsolicited frames (offers, pings) are
 * handed to {@link Session#unsolicited}, so that sessions can act like a live peer.
 */
abstract class SocketFuzzer implements EntryPoint {
  static final long QUIET_MILLIS = 40;

  private final String name;
  private final String path;
  final FuzzCluster cluster;
  private final WebSocketClient client;
  private final Map<Integer, Session> sessions = new HashMap<>();

  SocketFuzzer(String name, String path, FuzzCluster cluster) {
    this.name = name;
    this.path = path;
    this.cluster = cluster;
    this.client = cluster.vertx.createWebSocketClient();
  }

  @Override
  public String name() {
    return name;
  }

  /** A new session for a fresh connection of {@code worker}. */
  abstract Session newSession(int worker);

  /** The label of an answer frame, or null when the frame is unsolicited. */
  abstract String answerLabel(Session session, String frame);

  @Override
  public synchronized Future<Outcome> send(int worker, Random random) {
    Session session = sessions.get(worker);
    Future<Session> ready = session != null && !session.socket.isClosed()
        ? Future.succeededFuture(session) : connect(worker);
    return ready.compose(s -> s.exchange(s.input(random)))
        .otherwise(e -> new Outcome("connect failed: " + e.getMessage(), true, null));
  }

  private Future<Session> connect(int worker) {
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
            .setPort(cluster.port()).setURI(path))
        .compose(socket -> {
          Session session = newSession(worker);
          session.socket = socket;
          socket.textMessageHandler(session::onFrame);
          socket.closeHandler(v -> session.onClosed());
          synchronized (this) {
            sessions.put(worker, session);
          }
          return session.open().map(session);
        });
  }

  @Override
  public synchronized void close() {
    sessions.values().forEach(s -> s.socket.close());
    sessions.clear();
    client.close();
  }

  /** One connection's conversation. */
  abstract class Session {
    WebSocket socket;
    /** Completed by the subclass when the peer answered its opening frame. */
    final Promise<Void> opened = Promise.promise();
    private Promise<Outcome> pending;
    private String pendingInput;
    private long timer = -1;

    /** What the session does right after connecting (subscribe, register); resolves when done. */
    abstract Future<Void> open();

    /** Sends the opening frame and waits (10 s at most) for {@link #opened}. */
    Future<Void> openWith(String frame) {
      socket.writeTextMessage(frame);
      return opened.future().timeout(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The next input, made from the session's seeds. */
    abstract byte[] input(Random random);

    /** Handles a frame nobody asked for: an offer, a ping, a run-task. */
    abstract void unsolicited(String frame);

    Future<Outcome> exchange(byte[] input) {
      Promise<Outcome> promise = Promise.promise();
      String text = new String(input, StandardCharsets.UTF_8);
      synchronized (this) {
        pending = promise;
        pendingInput = text;
        timer = cluster.vertx.setTimer(QUIET_MILLIS, t -> finish(Outcome.of("no answer")));
      }
      socket.writeTextMessage(text).onFailure(e -> finish(Outcome.of("write failed")));
      return promise.future();
    }

    synchronized void onFrame(String frame) {
      String label = answerLabel(this, frame);
      if (label == null) {
        unsolicited(frame);
        return;
      }
      boolean serverError = frame.contains("Exception") || frame.contains("nternal error");
      finish(new Outcome(label, serverError, serverError ? pendingInput + " -> " + frame : null));
    }

    void onClosed() {
      finish(Outcome.of("closed"));
    }

    private synchronized void finish(Outcome outcome) {
      if (timer >= 0) {
        cluster.vertx.cancelTimer(timer);
        timer = -1;
      }
      if (pending != null) {
        Promise<Outcome> done = pending;
        pending = null;
        done.tryComplete(outcome);
      }
    }
  }
}
