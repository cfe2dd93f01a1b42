package io.meseta.loadtest.sim;

import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.loadtest.metrics.Measurements;
import io.meseta.protocol.agent.AgentCodec;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated agent on one WebSocket, speaking the real agent protocol (docs/agent-protocol.md): REGISTER,
 * PONG for every PING, and for each RUN_TASK a TASK_RUNNING then, once its duration ({@link TaskDuration}) has
 * passed and TASK_RUNNING is acknowledged, a TASK_FINISHED. Every update carries a fresh uuid and only the head
 * of a task's queue is in flight, re-sent every {@code retryMillis} until acknowledged. No process is started.
 * All state is touched on the socket's event loop only.
 */
public final class SimulatedAgent {

  private static final class Run {
    final String frameworkId;
    final String taskId;
    String headUuid;
    TaskState headState;
    long headSentNanos;
    boolean durationElapsed;
    boolean killed;

    Run(String frameworkId, String taskId) {
      this.frameworkId = frameworkId;
      this.taskId = taskId;
    }
  }

  private final Vertx vertx;
  private final String hostname;
  private final String resources;
  private final Measurements measurements;
  private final AgentDirectory directory;
  private final long retryMillis;
  private final Map<String, Run> runs = new HashMap<>();
  /** When resources were first freed here since the last offer of this agent; 0 if none (offer latency). */
  final AtomicLong freedAtNanos = new AtomicLong();
  private WebSocket socket;
  private String agentId;
  private long retryTimer = -1;
  private volatile boolean closing;

  public SimulatedAgent(Vertx vertx, String hostname, String resources, Measurements measurements,
      AgentDirectory directory, long retryMillis) {
    this.vertx = vertx;
    this.hostname = hostname;
    this.resources = resources;
    this.measurements = measurements;
    this.directory = directory;
    this.retryMillis = retryMillis;
  }

  /** Connects and registers; completes with the agent id once REGISTERED arrives. */
  public Future<String> start(WebSocketClient client, String host, int port) {
    Promise<String> registered = Promise.promise();
    client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/api/v1/agent/ws"))
        .onFailure(registered::tryFail)
        .onSuccess(ws -> {
          socket = ws;
          ws.textMessageHandler(text -> onText(text, registered));
          ws.closeHandler(v -> {
            if (!closing) {
              measurements.agentDisconnects.increment();
            }
            registered.tryFail("agent " + hostname + " was disconnected before it registered");
          });
          long sent = System.nanoTime();
          ws.writeTextMessage(AgentCodec.encode(new AgentMessage.Register(hostname, 5051, resources, Map.of())))
              .onSuccess(v -> registered.future().onSuccess(id -> measurements.registration(System.nanoTime() - sent)));
        });
    return registered.future();
  }

  public String agentId() {
    return agentId;
  }

  /** Closes the socket as an agent that goes away would; the master sees a disconnection. */
  public Future<Void> stop() {
    closing = true;
    if (agentId != null) {
      directory.remove(agentId);
    }
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  private void onText(String text, Promise<String> registered) {
    AgentMessage message;
    try {
      message = AgentCodec.decode(text);
    } catch (IllegalArgumentException e) {
      measurements.errorsFromMaster.increment();
      return;
    }
    if (message instanceof AgentMessage.Ping ping) {
      send(new AgentMessage.Pong(ping.seq()));
      measurements.pingsAnswered.increment();
    } else if (message instanceof AgentMessage.RunTask run) {
      runTask(run);
    } else if (message instanceof AgentMessage.Acknowledge ack) {
      acknowledged(ack);
    } else if (message instanceof AgentMessage.KillTask kill) {
      kill(runs.get(key(kill.frameworkId(), kill.taskId())));
    } else if (message instanceof AgentMessage.ShutdownFramework shutdown) {
      for (Run run : new ArrayList<>(runs.values())) {
        if (run.frameworkId.equals(shutdown.frameworkId())) {
          kill(run);
        }
      }
    } else if (message instanceof AgentMessage.Registered ok) {
      agentId = ok.agentId();
      directory.put(agentId, this);
      measurements.agentsRegistered.increment();
      registered.tryComplete(agentId);
    } else if (message instanceof AgentMessage.Error error) {
      measurements.errorsFromMaster.increment();
      registered.tryFail("master refused agent " + hostname + ": " + error.message());
    }
  }

  private void runTask(AgentMessage.RunTask message) {
    String key = key(message.task().frameworkId(), message.task().taskId());
    if (runs.containsKey(key)) {
      return; // a RUN_TASK for a live task is ignored, as the real agent does
    }
    Run run = new Run(message.task().frameworkId(), message.task().taskId());
    runs.put(key, run);
    sendHead(run, TaskState.TASK_RUNNING);
    long millis = TaskDuration.millis(message.task().command());
    if (millis == 0) {
      run.durationElapsed = true;
    } else {
      vertx.setTimer(millis, t -> {
        run.durationElapsed = true;
        if (run.headUuid == null && !run.killed) {
          sendHead(run, TaskState.TASK_FINISHED);
        }
      });
    }
  }

  private void acknowledged(AgentMessage.Acknowledge ack) {
    Run run = runs.get(key(ack.frameworkId(), ack.taskId()));
    if (run == null || !ack.uuid().equals(run.headUuid)) {
      return; // stale or duplicate: ignored, as the protocol says
    }
    run.headUuid = null;
    if (run.headState.isTerminal()) {
      runs.remove(key(run.frameworkId, run.taskId));
    } else if (run.killed) {
      sendHead(run, TaskState.TASK_KILLED);
    } else if (run.durationElapsed) {
      sendHead(run, TaskState.TASK_FINISHED);
    }
  }

  private void kill(Run run) {
    if (run == null || run.killed || (run.headState != null && run.headState.isTerminal())) {
      return;
    }
    run.killed = true;
    if (run.headUuid == null) {
      sendHead(run, TaskState.TASK_KILLED);
    }
  }

  private void sendHead(Run run, TaskState state) {
    run.headUuid = freshUuid();
    run.headState = state;
    run.headSentNanos = System.nanoTime();
    if (state.isTerminal()) {
      freedAtNanos.compareAndSet(0, run.headSentNanos);
    }
    sendUpdate(run);
    if (retryTimer < 0) {
      retryTimer = vertx.setTimer(retryMillis, t -> retryUnacknowledged());
    }
  }

  private void retryUnacknowledged() {
    retryTimer = -1;
    long due = System.nanoTime() - retryMillis * 1_000_000;
    boolean pending = false;
    for (Run run : runs.values()) {
      if (run.headUuid != null) {
        pending = true;
        if (run.headSentNanos <= due) {
          run.headSentNanos = System.nanoTime();
          measurements.statusRetries.increment();
          sendUpdate(run);
        }
      }
    }
    if (pending && !closing) {
      retryTimer = vertx.setTimer(retryMillis, t -> retryUnacknowledged());
    }
  }

  private void sendUpdate(Run run) {
    send(new AgentMessage.StatusUpdate(new TaskStatusReport(run.frameworkId, run.taskId, agentId,
        run.headState, null, StatusSource.SOURCE_EXECUTOR,
        run.headState == TaskState.TASK_FINISHED ? "Command exited with status 0" : null,
        System.currentTimeMillis() / 1000.0, run.headUuid)));
  }

  private void send(AgentMessage.ToMaster message) {
    if (socket != null && !socket.isClosed()) {
      socket.writeTextMessage(AgentCodec.encode(message));
    }
  }

  private static String key(String frameworkId, String taskId) {
    return frameworkId + '\u0000' + taskId;
  }

  private static String freshUuid() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
