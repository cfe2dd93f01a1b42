package io.meseta.client;

import io.meseta.tls.TlsScheme;
import io.meseta.tls.TlsTrust;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a {@link Scheduler} to a master over {@code ws://HOST:PORT/api/v1/scheduler/ws}, one
 * Mesos v1 Call or Event (Mesos JSON) per text frame. All state lives on one Vert.x context and
 * every callback runs there; the public methods may be called from any thread.
 *
 * <p>Mesos semantics: calls made while not subscribed are dropped with a log line, not queued,
 * because after re-subscribing the master has rescinded every offer those calls could refer to;
 * frameworks reconcile instead. A lost connection is re-established (to the next master, same
 * framework id, so the tasks survive) unless the options or a terminal ERROR say otherwise.
 */
public final class SchedulerDriver {
  static final String PATH = "/api/v1/scheduler/ws";

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerDriver.class);
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  /** OFFERS of a large cluster easily exceed Vert.x's 256 KB default. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private enum State { NEW, CONNECTING, SUBSCRIBED, STOPPED }

  private final Vertx vertx;
  private final Context context;
  private final Scheduler scheduler;
  private final FrameworkInfo frameworkInfo;
  private final List<MasterAddress> masters;
  private final DriverOptions options;
  private final Backoff backoff;
  private final EventRouter router;
  private final WebSocketClient client;
  /** Per master of the list: over TLS ({@code https://}, or a CA in the options). */
  private final List<Boolean> tls;
  private final Promise<FrameworkID> started = Promise.promise();
  private volatile Thread contextThread;
  private volatile FrameworkID frameworkId;

  // Touched only on the context.
  private State state = State.NEW;
  private MasterConnection connection;
  private int masterIndex;
  private int failedAttempts;
  private boolean lastEventWasError;
  private long reconnectTimer = -1;

  public SchedulerDriver(
      Vertx vertx,
      Scheduler scheduler,
      FrameworkInfo frameworkInfo,
      List<String> masters,
      DriverOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.frameworkInfo = Objects.requireNonNull(frameworkInfo, "frameworkInfo");
    this.options = Objects.requireNonNull(options, "options");
    if (masters == null || masters.isEmpty()) {
      throw new IllegalArgumentException("at least one master \"host:port\" is needed");
    }
    this.masters = masters.stream().map(MasterAddress::parse).toList();
    this.tls = masters.stream().map(m -> TlsScheme.isTls(m) || options.tls() != null).toList();
    this.frameworkId = frameworkInfo.hasId() ? frameworkInfo.getId() : null;
    this.router = new EventRouter(this, scheduler, options.autoAcknowledge());
    this.backoff = new Backoff(options.maxBackoff(), new Random());
    this.context = vertx.getOrCreateContext();
    if (context.isEventLoopContext()) {
      context.runOnContext(v -> contextThread = Thread.currentThread());
    }
    this.client = vertx.createWebSocketClient(Objects.requireNonNullElse(options.tls(),
        TlsTrust.systemDefault()).applyTo(new WebSocketClientOptions()
            .setConnectTimeout(CONNECT_TIMEOUT_MS)
            .setMaxMessageSize(MAX_MESSAGE_BYTES)));
  }

  /** Connects and subscribes; completes on SUBSCRIBED, fails on ERROR or after failed attempts. */
  public Future<FrameworkID> start() {
    onContext(() -> {
      if (state == State.NEW) {
        state = State.CONNECTING;
        connect();
      }
    });
    return started.future();
  }

  /** Closes the connection without TEARDOWN: the framework may fail over within its timeout. */
  public Future<Void> stop() {
    return onContextFuture(() -> shutdown(null));
  }

  /** Sends TEARDOWN (the master kills every task and forgets the framework), then closes. */
  public Future<Void> teardown() {
    return onContextFuture(() -> {
      if (state != State.SUBSCRIBED) {
        return Future.failedFuture(new IllegalStateException(
            "cannot tear down: not subscribed to a master (state " + state
                + "); retry once subscribed"));
      }
      return shutdown(Calls.teardown().setFrameworkId(frameworkId).build());
    });
  }

  public void accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
    send(() -> Calls.accept(offerIds, operations, filters));
  }

  /** ACCEPT with one LAUNCH operation; filters unset, so the master's default (5 s) applies. */
  public void launch(OfferID offerId, List<TaskInfo> tasks) {
    Offer.Operation launch = Offer.Operation.newBuilder()
        .setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(tasks))
        .build();
    accept(List.of(offerId), List.of(launch), null);
  }

  /** @param filters may be null: the master's default refusal (5 s) applies */
  public void decline(OfferID offerId, Filters filters) {
    send(() -> Calls.decline(List.of(offerId), filters));
  }

  /** @param agentId may be null when unknown */
  public void kill(TaskID taskId, AgentID agentId) {
    send(() -> Calls.kill(taskId, agentId));
  }

  /** Acknowledges a reliable update; updates without a uuid need (and get) no acknowledgement. */
  public void acknowledge(TaskStatus status) {
    if (!status.hasUuid()) {
      LOG.debug("Not acknowledging update {} of task {}: it has no uuid",
          status.getState(), status.getTaskId().getValue());
      return;
    }
    send(() -> Calls.acknowledge(status));
  }

  /** @param tasks tasks to reconcile explicitly; empty for implicit reconciliation of all tasks */
  public void reconcile(List<TaskStatus> tasks) {
    send(() -> Calls.reconcile(tasks));
  }

  public void revive() {
    send(Calls::revive);
  }

  public void suppress() {
    send(Calls::suppress);
  }

  public void message(AgentID agentId, ExecutorID executorId, byte[] data) {
    send(() -> Calls.message(agentId, executorId, data));
  }

  /** Asks the agent to shut the executor down (SHUTDOWN event, SIGKILL after its grace period). */
  public void shutdownExecutor(AgentID agentId, ExecutorID executorId) {
    send(() -> Calls.shutdown(agentId, executorId));
  }

  /** The id assigned at the first subscription (or given in the FrameworkInfo for a failover). */
  public Optional<FrameworkID> frameworkId() {
    return Optional.ofNullable(frameworkId);
  }

  private void connect() {
    MasterAddress master = masters.get(masterIndex % masters.size());
    LOG.debug("Connecting to master {}", master);
    WebSocketConnectOptions connectOptions = new WebSocketConnectOptions()
        .setHost(master.host())
        .setPort(master.port())
        .setURI(PATH)
        .setSsl(tls.get(masterIndex % masters.size()));
    if (options.authorization() != null) {
      connectOptions.putHeader("Authorization", options.authorization());
    }
    client.connect(connectOptions).onComplete(result -> {
      if (result.failed()) {
        onAttemptFailed("cannot connect to " + master + ": "
            + TlsTrust.explain(result.cause(), "master " + master)
            + (result.cause() instanceof io.vertx.core.http.UpgradeRejectedException rejected
                && rejected.getStatus() == 401
                ? " (the master requires authentication: set DriverOptions.withCredential or"
                    + " withBearerToken)"
                : ""));
      } else if (state == State.STOPPED) {
        result.result().close();
      } else {
        lastEventWasError = false;
        connection = new MasterConnection(
            vertx, result.result(), master, options.heartbeatTimeout().toMillis(),
            this::onEvent, this::onLost);
        connection.send(Calls.subscribe(frameworkInfo, frameworkId));
      }
    });
  }

  private void onEvent(MasterConnection from, Event event) {
    if (from != connection) {
      return;
    }
    lastEventWasError = event.getType() == Event.Type.ERROR;
    switch (event.getType()) {
      case SUBSCRIBED -> onSubscribed(event.getSubscribed());
      case ERROR -> onError(event.getError().getMessage());
      default -> router.route(event);
    }
  }

  private void onSubscribed(Event.Subscribed subscribed) {
    frameworkId = subscribed.getFrameworkId();
    state = State.SUBSCRIBED;
    failedAttempts = 0;
    LOG.info("Subscribed as framework {}", frameworkId.getValue());
    router.callback("subscribed",
        () -> scheduler.subscribed(this, subscribed.getFrameworkId(), subscribed.getMasterInfo()));
    started.tryComplete(subscribed.getFrameworkId());
  }

  private void onError(String message) {
    LOG.error("Master reports an error: {}", message);
    router.callback("error", () -> scheduler.error(this, message));
    if (state != State.SUBSCRIBED && state != State.STOPPED) {
      // The subscription itself was refused: retrying would be refused the same way.
      started.tryFail(new IllegalStateException("master refused the subscription: " + message));
      shutdown(null);
    }
  }

  private void onLost(MasterConnection lost, String reason) {
    if (lost != connection) {
      return; // an old connection
    }
    connection = null;
    if (state == State.STOPPED) {
      return;
    }
    if (lastEventWasError) {
      // Masters close the connection after terminal errors only ("Framework failed over",
      // removed framework): coming back would take the framework from its new owner.
      LOG.error("Master closed the connection after an ERROR; the driver stops: {}", reason);
      shutdown(null);
      return;
    }
    if (state != State.SUBSCRIBED) {
      onAttemptFailed(reason);
      return;
    }
    LOG.warn("Disconnected from the master: {}", reason);
    state = State.CONNECTING;
    router.callback("disconnected", () -> scheduler.disconnected(this));
    if (state == State.STOPPED) {
      return; // the framework stopped the driver from its callback
    }
    if (!options.reconnect()) {
      shutdown(null);
      return;
    }
    scheduleReconnect();
  }

  private void onAttemptFailed(String reason) {
    if (state == State.STOPPED) {
      return;
    }
    failedAttempts++;
    boolean starting = !started.future().isComplete();
    if (starting && failedAttempts >= options.startAttempts()) {
      started.tryFail(new IllegalStateException("could not subscribe to any of " + masters
          + " after " + failedAttempts + " attempts; last: " + reason));
      shutdown(null);
      return;
    }
    LOG.warn("Subscription attempt {} failed: {}", failedAttempts, reason);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    masterIndex++;
    long delay = backoff.delayMillis(failedAttempts);
    LOG.info("Re-subscribing to {} in {} ms", masters.get(masterIndex % masters.size()), delay);
    reconnectTimer = vertx.setTimer(delay, id -> {
      reconnectTimer = -1;
      if (state == State.CONNECTING) {
        connect();
      }
    });
  }

  private Future<Void> shutdown(Call teardown) {
    if (state == State.STOPPED) {
      return Future.succeededFuture();
    }
    state = State.STOPPED;
    cancelTimer(reconnectTimer);
    started.tryFail(new IllegalStateException("the driver was stopped before it subscribed"));
    MasterConnection open = connection;
    connection = null;
    Future<Void> closed;
    if (open == null) {
      closed = Future.succeededFuture();
    } else if (teardown != null) {
      closed = open.send(teardown).transform(sent -> open.close());
    } else {
      closed = open.close();
    }
    return closed.eventually(client::close);
  }

  private void send(Supplier<Call.Builder> call) {
    onContext(() -> {
      Call.Builder built = call.get();
      if (state != State.SUBSCRIBED || connection == null) {
        LOG.warn("Dropping {} call: not subscribed to a master (calls made while disconnected are "
            + "dropped; reconcile once subscribed again)", built.getType());
        return;
      }
      connection.send(built.setFrameworkId(frameworkId).build()).onFailure(
          e -> LOG.warn("Could not send {} call: {}", built.getType(), e.toString()));
    });
  }

  private void onContext(Runnable action) {
    if (Thread.currentThread() == contextThread) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private <T> Future<T> onContextFuture(Supplier<Future<T>> action) {
    Promise<T> result = Promise.promise();
    onContext(() -> action.get().onComplete(result));
    return result.future();
  }

  private void cancelTimer(long id) {
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }
}
