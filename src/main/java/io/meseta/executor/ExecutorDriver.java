package io.meseta.executor;

import com.google.protobuf.ByteString;
import io.meseta.protocol.json.MesosJson;
import io.meseta.protocol.json.RecordIO;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects an {@link Executor} to its agent over the Mesos v1 executor HTTP API: subscribes
 * (a RecordIO event stream), turns events into callbacks, and sends status updates and framework
 * messages. Until the agent acknowledges them, updates and launched tasks are kept and sent again
 * with the next SUBSCRIBE. Callbacks run on the driver's context; public methods may be called
 * from any thread.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(ExecutorDriver.run(new MyExecutor()));
 * }
 * }</pre>
 */
public final class ExecutorDriver {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorDriver.class);
  private static final String PATH = "/api/v1/executor";
  private static final long FIRST_BACKOFF_MILLIS = 100;

  private enum State { NEW, SUBSCRIBING, SUBSCRIBED, STOPPED }

  private final Vertx vertx;
  private final Context context;
  private final Executor executor;
  private final ExecutorSettings settings;
  private final HttpClient client;
  private final Promise<Void> subscribedOnce = Promise.promise();
  private final Promise<Void> stopped = Promise.promise();
  /** Updates not yet ACKNOWLEDGED by the agent, by uuid (base64). */
  private final Map<String, TaskStatus> unackedUpdates = new LinkedHashMap<>();
  /** Tasks launched and not yet covered by an acknowledged update, by task id. */
  private final Map<String, TaskInfo> unackedTasks = new LinkedHashMap<>();
  private final Set<Future<?>> inFlight = new HashSet<>();
  private State state = State.NEW;
  private boolean everSubscribed;
  private long generation;
  private int failures;
  private long disconnectedAtNanos = -1;
  private HttpClientResponse stream;

  public ExecutorDriver(Vertx vertx, Executor executor, ExecutorSettings settings) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.executor = executor;
    this.settings = settings;
    HttpClientOptions clientOptions = new HttpClientOptions()
        .setDefaultHost(settings.agentHost()).setDefaultPort(settings.agentPort())
        .setKeepAlive(true).setIdleTimeout(0);
    this.client = vertx.createHttpClient(settings.agentTls() == null ? clientOptions
        : settings.agentTls().applyTo(clientOptions));
  }

  /**
   * Runs an executor the way its main method should: settings from the environment, a Vert.x
   * of its own, and blocks until the driver stops.
   *
   * @return the exit status for {@code System.exit}: 0 after a clean stop, 1 otherwise
   */
  public static int run(Executor executor) {
    Vertx vertx = Vertx.vertx();
    try {
      ExecutorDriver driver = new ExecutorDriver(vertx, executor, ExecutorSettings.fromEnvironment());
      driver.start();
      driver.stopped().toCompletionStage().toCompletableFuture().join();
      return 0;
    } catch (RuntimeException e) {
      LOG.error("executor failed: {}", e.getMessage(), e);
      return 1;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** Subscribes; completes at the first SUBSCRIBED. */
  public Future<Void> start() {
    onContext(() -> {
      if (state == State.NEW) {
        state = State.SUBSCRIBING;
        subscribe();
      }
    });
    return subscribedOnce.future();
  }

  /** Completes when the driver has stopped (after {@link #stop()} or a terminal disconnection). */
  public Future<Void> stopped() {
    return stopped.future();
  }

  public ExecutorSettings settings() {
    return settings;
  }

  /**
   * Sends a task status (fills in uuid, timestamp, source and executor id); kept until the agent
   * acknowledges it, and re-sent with the next subscription if the connection drops.
   */
  public void sendStatusUpdate(TaskStatus status) {
    TaskStatus filled = status.toBuilder()
        .setUuid(ByteString.copyFrom(newUuid()))
        .setTimestamp(System.currentTimeMillis() / 1000.0)
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
        .setExecutorId(ExecutorID.newBuilder().setValue(settings.executorId()))
        .build();
    onContext(() -> {
      unackedUpdates.put(base64(filled.getUuid()), filled);
      if (state == State.SUBSCRIBED) {
        call(Call.newBuilder().setType(Call.Type.UPDATE)
            .setUpdate(Call.Update.newBuilder().setStatus(filled)));
      }
    });
  }

  /** Sends opaque bytes to the scheduler (at most 1 MiB); dropped while disconnected. */
  public void sendFrameworkMessage(byte[] data) {
    byte[] copy = data.clone();
    onContext(() -> {
      if (state == State.SUBSCRIBED) {
        call(Call.newBuilder().setType(Call.Type.MESSAGE)
            .setMessage(Call.Message.newBuilder().setData(ByteString.copyFrom(copy))));
      } else {
        LOG.warn("dropping a framework message of {} bytes: not subscribed", copy.length);
      }
    });
  }

  /** Waits for the calls in flight (status updates last), closes the stream, and stops. */
  public Future<Void> stop() {
    onContext(() -> {
      if (state == State.STOPPED) {
        return;
      }
      state = State.STOPPED;
      generation++;
      Future.join(Set.copyOf(inFlight).stream().map(f -> (Future<?>) f).toList())
          .eventually(() -> {
            if (stream != null) {
              stream.request().connection().close();
            }
            return client.close();
          })
          .onComplete(v -> stopped.tryComplete());
    });
    return stopped.future();
  }

  private void subscribe() {
    long attempt = ++generation;
    Call.Subscribe.Builder subscribe = Call.Subscribe.newBuilder();
    unackedTasks.values().forEach(subscribe::addUnacknowledgedTasks);
    unackedUpdates.values().forEach(status ->
        subscribe.addUnacknowledgedUpdates(Call.Update.newBuilder().setStatus(status)));
    Buffer body = Buffer.buffer(MesosJson.printBytes(
        base().setType(Call.Type.SUBSCRIBE).setSubscribe(subscribe).build()));
    client.request(options().putHeader("Accept", "application/json"))
        .compose(request -> request.send(body))
        .onComplete(result -> {
          if (attempt != generation) {
            return;
          }
          if (result.failed()) {
            lost("cannot subscribe to the agent: " + result.cause().getMessage());
          } else if (result.result().statusCode() != 200) {
            HttpClientResponse response = result.result();
            response.body().onComplete(text -> lost("the agent refused SUBSCRIBE: "
                + response.statusCode() + " " + (text.succeeded() ? text.result() : "")));
          } else {
            streaming(result.result(), attempt);
          }
        });
  }

  private void streaming(HttpClientResponse response, long attempt) {
    stream = response;
    RecordIO.Decoder decoder = new RecordIO.Decoder(record -> {
      if (attempt == generation) {
        onEvent(MesosJson.parse(new String(record, StandardCharsets.UTF_8), Event.getDefaultInstance()));
      }
    });
    response.handler(chunk -> {
      try {
        decoder.feed(chunk);
      } catch (RuntimeException e) {
        LOG.warn("bad event stream from the agent: {}", e.getMessage());
        response.request().connection().close();
      }
    });
    response.exceptionHandler(e -> {
      if (attempt == generation) {
        lost("the event stream failed: " + e.getMessage());
      }
    });
    response.endHandler(v -> {
      if (attempt == generation) {
        lost("the agent closed the event stream");
      }
    });
  }

  private void onEvent(Event event) {
    switch (event.getType()) {
      case SUBSCRIBED -> {
        state = State.SUBSCRIBED;
        failures = 0;
        disconnectedAtNanos = -1;
        Event.Subscribed s = event.getSubscribed();
        if (everSubscribed) {
          callback(() -> executor.reregistered(this, s.getAgentInfo()));
        } else {
          everSubscribed = true;
          callback(() -> executor.registered(this, s.getExecutorInfo(), s.getFrameworkInfo(),
              s.getAgentInfo()));
        }
        subscribedOnce.tryComplete();
      }
      case LAUNCH -> {
        unackedTasks.put(event.getLaunch().getTask().getTaskId().getValue(), event.getLaunch().getTask());
        callback(() -> executor.launchTask(this, event.getLaunch().getTask()));
      }
      case LAUNCH_GROUP -> {
        event.getLaunchGroup().getTaskGroup().getTasksList()
            .forEach(task -> unackedTasks.put(task.getTaskId().getValue(), task));
        callback(() -> executor.launchTaskGroup(this, event.getLaunchGroup().getTaskGroup()));
      }
      case KILL -> callback(() -> executor.killTask(this, event.getKill().getTaskId()));
      case ACKNOWLEDGED -> {
        unackedUpdates.remove(base64(event.getAcknowledged().getUuid()));
        unackedTasks.remove(event.getAcknowledged().getTaskId().getValue());
      }
      case MESSAGE -> callback(() ->
          executor.frameworkMessage(this, event.getMessage().getData().toByteArray()));
      case SHUTDOWN -> callback(() -> executor.shutdown(this));
      case ERROR -> callback(() -> executor.error(this, event.getError().getMessage()));
      default -> { } // HEARTBEAT, and event types newer than this driver
    }
  }

  /** The stream is gone or could not be opened: re-subscribe (checkpointing) or stop. */
  private void lost(String why) {
    if (state == State.STOPPED) {
      return;
    }
    generation++;
    stream = null;
    boolean wasSubscribed = state == State.SUBSCRIBED;
    state = State.SUBSCRIBING;
    if (wasSubscribed) {
      LOG.warn("disconnected from the agent: {}", why);
      callback(() -> executor.disconnected(this));
    }
    if (disconnectedAtNanos < 0) {
      disconnectedAtNanos = System.nanoTime();
    }
    boolean mayRetry = settings.checkpoint() || !everSubscribed;
    long elapsed = System.nanoTime() - disconnectedAtNanos;
    if (!mayRetry || elapsed > settings.recoveryTimeout().toNanos()) {
      LOG.warn("giving up on the agent ({}); stopping", why);
      subscribedOnce.tryFail(why);
      stop();
      return;
    }
    long cap = Math.min(settings.subscriptionBackoffMax().toMillis(),
        FIRST_BACKOFF_MILLIS << Math.min(failures++, 20));
    long delay = ThreadLocalRandom.current().nextLong(Math.max(1, cap / 2), cap + 1);
    LOG.info("{}; subscribing again in {} ms", why, delay);
    vertx.setTimer(delay, id -> {
      if (state == State.SUBSCRIBING) {
        subscribe();
      }
    });
  }

  private void call(Call.Builder call) {
    Buffer body = Buffer.buffer(MesosJson.printBytes(base().mergeFrom(call.buildPartial()).build()));
    Future<Void> sent = client.request(options())
        .compose(request -> request.send(body))
        .compose(response -> response.body().compose(text -> response.statusCode() == 202
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(call.getType() + " refused by the agent: "
                + response.statusCode() + " " + text)));
    inFlight.add(sent);
    sent.onComplete(result -> {
      inFlight.remove(sent);
      if (result.failed()) {
        LOG.warn("{}", result.cause().getMessage());
        if (!result.cause().getMessage().startsWith(call.getType().toString())) {
          return; // a broken connection: the lost stream triggers the re-subscription
        }
        callback(() -> executor.error(this, result.cause().getMessage()));
      }
    });
  }

  private Call.Builder base() {
    return Call.newBuilder()
        .setExecutorId(ExecutorID.newBuilder().setValue(settings.executorId()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(settings.frameworkId()));
  }

  private RequestOptions options() {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(PATH)
        .putHeader("Content-Type", "application/json");
    if (settings.authenticationToken() != null && !settings.authenticationToken().isBlank()) {
      options.putHeader("Authorization", "Bearer " + settings.authenticationToken());
    }
    return options;
  }

  /** A throwing callback must not take the driver down with it. */
  private void callback(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.error("executor callback threw", e);
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private static byte[] newUuid() {
    UUID uuid = UUID.randomUUID();
    return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array();
  }

  private static String base64(ByteString bytes) {
    return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
