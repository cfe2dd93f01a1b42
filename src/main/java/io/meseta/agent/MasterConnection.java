package io.meseta.agent;

import io.meseta.protocol.agent.AgentCodec;
import io.meseta.protocol.agent.AgentMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.meseta.tls.TlsSettings;
import io.meseta.tls.TlsTrust;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one WebSocket to a master: connects, says hello, answers pings, watches for a
 * silent master, and reconnects (next master of the list, randomized exponential backoff) when
 * anything goes wrong. What the messages mean is the {@link Listener}'s business. Confined to
 * the agent's context.
 */
final class MasterConnection {
  static final String PATH = "/api/v1/agent/ws";
  private static final Logger LOG = LoggerFactory.getLogger(MasterConnection.class);
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  /** REREGISTER of a busy agent lists every task; a frame of Vert.x's default size is too small. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  /** What the agent does with the connection's events; called on the agent's context. */
  interface Listener {
    /** REGISTER or REREGISTER, built fresh for every connection. */
    AgentMessage.ToMaster hello();

    void registered(AgentMessage.Registered registered);

    /** RUN_TASK, KILL_TASK, ACKNOWLEDGE, SHUTDOWN_FRAMEWORK, and ERROR after registration. */
    void received(AgentMessage.ToAgent message);

    void disconnected();
  }

  private final Vertx vertx;
  private final AgentConfig config;
  private final Listener listener;
  private final List<MasterAddress> masters;
  /** Per master of the list: reached over TLS ({@code https://} or a CA given). */
  private final List<Boolean> tls;
  private final WebSocketClient client;

  private WebSocket socket;
  private MasterAddress current;
  private boolean registered;
  private boolean stopped;
  /** Bumped per connection attempt so that callbacks of an abandoned socket are ignored. */
  private long generation;
  private int nextMaster;
  private int failures;
  private long reconnectTimer = -1;
  private long watchdogTimer = -1;
  private long watchdogMillis;

  MasterConnection(Vertx vertx, AgentConfig config, Listener listener) {
    this.vertx = vertx;
    this.config = config;
    this.listener = listener;
    this.masters = config.masters().stream().map(MasterAddress::parse).toList();
    TlsSettings tlsSettings = config.security().tls();
    this.tls = config.masters().stream().map(tlsSettings::tlsTo).toList();
    this.client =
        vertx.createWebSocketClient(tlsSettings.trustOrSystem().applyTo(
            new WebSocketClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)));
  }

  void start() {
    connect();
  }

  boolean isRegistered() {
    return registered;
  }

  /** Sends when registered; otherwise drops the message (status updates are re-sent later). */
  void send(AgentMessage.ToMaster message) {
    if (registered && socket != null) {
      socket.writeTextMessage(AgentCodec.encode(message));
    }
  }

  Future<Void> stop() {
    stopped = true;
    generation++; // the agent is going: frames still in flight mean nothing now
    cancel(reconnectTimer);
    cancel(watchdogTimer);
    WebSocket open = socket;
    socket = null;
    registered = false;
    Future<Void> closed = open == null ? Future.succeededFuture() : open.close((short) 1001, "agent stopping");
    return closed.otherwiseEmpty().compose(v -> client.close());
  }

  private void connect() {
    reconnectTimer = -1;
    if (stopped) {
      return;
    }
    long attempt = ++generation;
    MasterAddress master = masters.get(nextMaster % masters.size());
    current = master;
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost(master.host()).setPort(master.port()).setURI(PATH)
            .setSsl(tls.get(nextMaster % masters.size()));
    if (config.masterAuthorization() != null) {
      options.putHeader("Authorization", config.masterAuthorization());
    }
    client.connect(options).onComplete(result -> {
      if (attempt != generation || stopped) {
        if (result.succeeded()) {
          result.result().close(); // stopped or superseded while connecting
        }
        return;
      }
      if (result.failed()) {
        if (result.cause() instanceof io.vertx.core.http.UpgradeRejectedException rejected
            && rejected.getStatus() == 401) {
          LOG.error("master {} requires agents to authenticate and refused this agent (401):"
              + " give --credential FILE, or --principal with --secret-file, naming a principal"
              + " of the master's --credentials", master);
        } else {
          LOG.warn("cannot connect to master {}: {}", master,
              TlsTrust.explain(result.cause(), "master " + master));
        }
        scheduleReconnect();
        return;
      }
      opened(result.result(), attempt);
    });
  }

  private void opened(WebSocket ws, long attempt) {
    socket = ws;
    ws.textMessageHandler(frame -> {
      if (attempt == generation) {
        onFrame(frame);
      }
    });
    ws.exceptionHandler(e -> {
      if (attempt == generation) {
        LOG.warn("connection to master {} failed: {}", current, e.getMessage());
        ws.close();
      }
    });
    ws.closeHandler(v -> {
      if (attempt == generation) {
        LOG.info("connection to master {} closed ({} {})", current, ws.closeStatusCode(), ws.closeReason());
        dropped();
      }
    });
    AgentMessage.ToMaster hello = listener.hello();
    LOG.info("connected to master {}; sending {}", current, hello.getClass().getSimpleName());
    ws.writeTextMessage(AgentCodec.encode(hello));
    armWatchdog(config.registrationTimeout().toMillis());
  }

  private void onFrame(String frame) {
    AgentMessage message;
    try {
      message = AgentCodec.decode(frame);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring frame from master {}: {}", current, e.getMessage());
      return;
    }
    if (!(message instanceof AgentMessage.ToAgent toAgent)) {
      LOG.warn("ignoring {} from master {}: it is an agent → master message", message, current);
      return;
    }
    if (registered) {
      armWatchdog(watchdogMillis); // any frame proves the master alive, not just PING
    }
    if (toAgent instanceof AgentMessage.Registered r) {
      onRegistered(r);
    } else if (toAgent instanceof AgentMessage.Ping ping) {
      send(new AgentMessage.Pong(ping.seq()));
    } else if (!registered && toAgent instanceof AgentMessage.Error error) {
      LOG.warn("master {} refused the agent: {}; trying again later", current, error.message());
      socket.close((short) 1008, "registration refused");
    } else if (registered) {
      listener.received(toAgent);
    } else {
      LOG.warn("ignoring {} from master {}: not registered yet", toAgent, current);
    }
  }

  private void onRegistered(AgentMessage.Registered r) {
    long interval = r.pingIntervalMillis() > 0 ? r.pingIntervalMillis() : 15_000;
    watchdogMillis = interval * AgentConfig.MISSED_PINGS_BEFORE_RECONNECT;
    registered = true;
    failures = 0;
    armWatchdog(watchdogMillis);
    LOG.info("registered with master {} as {}; ping interval {} ms", current, r.agentId(), interval);
    listener.registered(r);
  }

  private void armWatchdog(long millis) {
    cancel(watchdogTimer);
    long attempt = generation;
    watchdogTimer = vertx.setTimer(millis, id -> {
      watchdogTimer = -1;
      if (attempt == generation && socket != null) {
        LOG.warn("master {} silent for {} ms; reconnecting", current, millis);
        socket.close((short) 1001, "no ping from master for " + millis + " ms");
        dropped(); // do not wait for a close handshake a dead peer will never answer
      }
    });
  }

  private void dropped() {
    generation++;
    socket = null;
    cancel(watchdogTimer);
    if (registered) {
      registered = false;
      listener.disconnected();
    }
    if (!stopped) {
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    nextMaster++;
    long base = config.reconnectBackoffMin().toMillis() << Math.min(failures, 20);
    long cap = Math.min(base, config.reconnectBackoffMax().toMillis());
    long delay = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    failures++;
    LOG.info("reconnecting to master {} in {} ms", masters.get(nextMaster % masters.size()), delay);
    reconnectTimer = vertx.setTimer(Math.max(1, delay), id -> connect());
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
