package io.meseta.agent;

import io.meseta.agent.checkpoint.AgentCheckpoint;
import io.meseta.agent.checkpoint.CheckpointStore;
import io.meseta.core.model.FrameworkId;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Meseta agent: serves its sandboxes and the executor API over HTTP, registers with a master over one WebSocket
 * (re-registering with its id and live tasks after every reconnect), runs the tasks the master
 * sends, and reports them reliably. It checkpoints its id, tasks, executors and unacknowledged
 * updates under {@code WORK/meta}; started again on the same work dir after a crash, it re-adopts
 * what still runs, reports what died meanwhile, and re-registers with its old id
 * ({@link AgentRecovery}). Undeploying it kills every task it runs.
 *
 * <pre>{@code
 * AgentVerticle agent = AgentVerticle.deploy(vertx,
 *     AgentConfig.builder(List.of("127.0.0.1:5050"), Path.of("/var/lib/meseta")).build()).await();
 * }</pre>
 */
public final class AgentVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AgentVerticle.class);

  private static final long STOP_STAGE_SECONDS = 5;
  private final AgentConfig config;
  private volatile String agentId;
  private volatile int httpPort = -1;
  private volatile String resources;
  private String hostname;
  private HttpServer httpServer;
  private CheckpointStore checkpoints;
  private StatusUpdateManager updates;
  private TaskSupervisor supervisor;
  private ExecutorSupervisor executors;
  private ExecutorTokens executorTokens;
  private MasterConnection connection;
  private final RecentlyEnded recentlyEnded = new RecentlyEnded();

  public AgentVerticle(AgentConfig config) {
    this.config = config;
  }

  /** Deploys an agent and completes with it once it is serving files and connecting. */
  public static Future<AgentVerticle> deploy(Vertx vertx, AgentConfig config) {
    AgentVerticle agent = new AgentVerticle(config);
    return vertx.deployVerticle(agent).map(id -> agent);
  }

  /** The id the master gave this agent; null until the first registration. */
  public String agentId() {
    return agentId;
  }

  /** The port of the {@code /files} server (the real one when the config said 0). */
  public int httpPort() {
    return httpPort;
  }

  /** The resources this agent offers, in Mesos text form (given or detected). */
  public String resources() {
    return resources;
  }

  /** Main-process pid of every task whose process is running now. */
  public Future<Map<TaskKey, Long>> runningTaskPids() {
    Promise<Map<TaskKey, Long>> pids = Promise.promise();
    context.runOnContext(v -> pids.complete(Map.copyOf(supervisor.runningPids())));
    return pids.future();
  }

  /** Pid of every custom executor process running now, by framework and executor id. */
  public Future<Map<String, Long>> executorPids() {
    Promise<Map<String, Long>> pids = Promise.promise();
    context.runOnContext(v -> {
      Map<String, Long> byName = new java.util.LinkedHashMap<>();
      executors.executorPids().forEach((key, pid) -> byName.put(key.toString(), pid));
      pids.complete(byName);
    });
    return pids.future();
  }

  @Override
  public Future<?> start() {
    Sandboxes sandboxes = new Sandboxes(config.workDir());
    checkpoints = new CheckpointStore(vertx, config.workDir());
    TaskLauncher[] launcher = new TaskLauncher[1];
    return vertx.executeBlocking(() -> {
          // blocking: file system, /proc, maybe nvidia-smi, maybe a DNS lookup
          Files.createDirectories(sandboxes.root());
          resources = config.resources() != null ? config.resources() : ResourceDetector.detect(config.workDir());
          hostname = config.hostname() != null ? config.hostname() : localHostName();
          launcher[0] = new TaskLauncher(sandboxes, config.security());
          executorTokens = config.security().authenticateExecutors()
              ? ExecutorTokens.load(config.workDir()) : ExecutorTokens.OFF;
          return AgentRecovery.read(checkpoints, config.recover());
        })
        .compose(recovery -> {
          agentId = recovery.agentId();
          updates = new StatusUpdateManager(vertx, this::sendUpdate, checkpoints,
              config.statusRetryInitial(), config.statusRetryMax());
          supervisor = new TaskSupervisor(vertx, context, launcher[0], checkpoints,
              updates::enqueue, () -> agentId, config.killGracePeriod());
          ExecutorContext executorContext = new ExecutorContext(() -> agentId, hostname,
              config.bindHost(), () -> httpPort, config.executor(), config.security().tls(),
              executorTokens);
          executors = new ExecutorSupervisor(vertx, context, launcher[0], updates::enqueue,
              message -> connection.send(message), executorContext, config.executor(),
              new ExecutorCheckpoints(checkpoints, () -> agentId));
          recovery.apply(updates, supervisor, executors);
          Router router = Router.router(vertx);
          router.get("/health").handler(rc -> rc.response().end("OK"));
          new ExecutorHttpApi(executors, executorTokens).mount(router);
          new SandboxFiles(vertx, config.workDir()).mount(router);
          io.vertx.core.http.HttpServerOptions serverOptions = new io.vertx.core.http.HttpServerOptions();
          if (config.security().tls().serves()) {
            config.security().tls().identity().applyTo(serverOptions); // files + executor API
          }
          return vertx.createHttpServer(serverOptions).requestHandler(router)
              .listen(config.port(), config.bindHost());
        })
        .onSuccess(server -> {
          httpServer = server;
          httpPort = server.actualPort();
          LOG.info("agent on {} serving files on port {}, offering {}", hostname, httpPort, resources);
          connection = new MasterConnection(vertx, config, new Listener());
          connection.start();
        });
  }

  /** Kills every task first, while the socket may still carry their TASK_KILLED updates. */
  @Override
  public Future<?> stop() {
    Future<Void> tasksGone = supervisor == null ? Future.succeededFuture()
        : Future.join(supervisor.killAll(), executors.shutdownAll()).mapEmpty();
    // Each stage is bounded and a stage that times out does not fail the stop: a master that
    // vanished mid-close must not keep the agent from stopping (its socket's closing handshake
    // may never be answered).
    return tasksGone
        .compose(v -> connection == null ? Future.<Void>succeededFuture()
            : connection.stop().timeout(STOP_STAGE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                .otherwiseEmpty())
        .eventually(() -> {
          if (updates != null) {
            updates.close();
          }
          Future<Void> written = checkpoints == null ? Future.succeededFuture()
              : checkpoints.flush().timeout(STOP_STAGE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                  .otherwiseEmpty();
          return written.eventually(() ->
              httpServer == null ? Future.succeededFuture() : httpServer.close());
        });
  }

  private void sendUpdate(TaskStatusReport report) {
    connection.send(new AgentMessage.StatusUpdate(report));
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      LOG.warn("cannot resolve the local host name; advertising 'localhost' (set hostname)", e);
      return "localhost";
    }
  }

  /** The protocol side: what each master message makes the agent do. */
  private final class Listener implements MasterConnection.Listener {
    @Override
    public AgentMessage.ToMaster hello() {
      if (agentId == null) {
        return new AgentMessage.Register(hostname, httpPort, resources, config.attributes());
      }
      List<AgentMessage.RunningTask> live = new ArrayList<>();
      List<AgentMessage.RunningTask> ended = new ArrayList<>();
      // The master must not hear of a task's end twice: a task whose terminal update has not
      // gone out yet is reported in the state the master last heard of, and the update follows.
      for (List<AgentMessage.RunningTask> tasks : List.of(supervisor.liveTasks(), executors.liveTasks())) {
        for (AgentMessage.RunningTask task : tasks) {
          var state = updates.stateKnownToMaster(TaskKey.of(task.frameworkId(), task.taskId()),
              task.state());
          AgentMessage.RunningTask reported = new AgentMessage.RunningTask(task.frameworkId(),
              task.taskId(), task.name(), task.resources(), state);
          (state.isTerminal() ? ended : live).add(reported);
        }
      }
      ended.addAll(recentlyEnded.list());
      return new AgentMessage.Reregister(agentId, hostname, httpPort, resources,
          config.attributes(), live, executors.liveExecutors(), ended);
    }

    @Override
    public void registered(AgentMessage.Registered registered) {
      if (agentId != null && !agentId.equals(registered.agentId())) {
        LOG.warn("master renamed agent {} to {}; adopting the new id", agentId, registered.agentId());
      }
      agentId = registered.agentId();
      checkpoints.write(checkpoints.agentFile(), new AgentCheckpoint(agentId));
      updates.online();
    }

    @Override
    public void received(AgentMessage.ToAgent message) {
      try {
        dispatch(message);
      } catch (IllegalArgumentException e) {
        LOG.warn("ignoring {} from the master: {}", message, e.getMessage());
      }
    }

    private void dispatch(AgentMessage.ToAgent message) {
      if (message instanceof AgentMessage.RunTask run) {
        if (run.task() == null) {
          throw new IllegalArgumentException("RUN_TASK without a task");
        }
        if (run.task().executor() != null) {
          executors.run(run.task());
        } else {
          supervisor.run(run.task());
        }
      } else if (message instanceof AgentMessage.RunTaskGroup group) {
        executors.runGroup(group);
      } else if (message instanceof AgentMessage.KillTask kill) {
        TaskKey key = TaskKey.of(kill.frameworkId(), kill.taskId());
        if (executors.owns(key)) {
          executors.kill(key, kill.gracePeriodMillis());
        } else {
          supervisor.kill(key, kill.gracePeriodMillis(), kill.reason());
        }
      } else if (message instanceof AgentMessage.Acknowledge ack) {
        TaskKey key = TaskKey.of(ack.frameworkId(), ack.taskId());
        updates.acknowledge(key, ack.uuid()).ifPresent(acked -> {
          if (acked.state().isTerminal()) {
            recentlyEnded.add(new AgentMessage.RunningTask(ack.frameworkId(), ack.taskId(), "",
                "", acked.state()));
          }
          if (acked.state().isTerminal() && !updates.hasPending(key)) {
            supervisor.forget(key);
            executors.forget(key);
          }
        });
      } else if (message instanceof AgentMessage.ShutdownFramework shutdown) {
        supervisor.shutdownFramework(FrameworkId.of(shutdown.frameworkId()));
        executors.shutdownFramework(FrameworkId.of(shutdown.frameworkId()));
      } else if (message instanceof AgentMessage.FrameworkMessage frameworkMessage) {
        executors.messageToExecutor(frameworkMessage);
      } else if (message instanceof AgentMessage.ShutdownExecutor shutdown) {
        executors.shutdown(new ExecutorRun.Key(FrameworkId.of(shutdown.frameworkId()),
            shutdown.executorId()));
      } else if (message instanceof AgentMessage.Error error) {
        LOG.warn("master reported an error: {}", error.message());
      } else {
        LOG.warn("ignoring unexpected {} from the master", message);
      }
    }

    @Override
    public void disconnected() {
      updates.offline();
    }
  }
}
