package io.meseta.gateway;

import io.meseta.gateway.operator.OperatorRoutes;
import io.meseta.gateway.scheduler.FrameworkStream;
import io.meseta.gateway.scheduler.FrameworkStreams;
import io.meseta.gateway.scheduler.HttpSchedulerEndpoint;
import io.meseta.gateway.scheduler.Leadership;
import io.meseta.gateway.scheduler.Redirects;
import io.meseta.gateway.scheduler.SchedulerCalls;
import io.meseta.gateway.scheduler.WebSocketSchedulerConnection;
import io.meseta.gateway.security.ConnectionGuard;
import io.meseta.gateway.security.GatewayGuard;
import io.meseta.gateway.security.InputLimits;
import io.meseta.gateway.security.WebSocketLimits;
import io.meseta.gateway.security.WebSocketRate;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP and WebSocket edge of a master node, one of its {@code instances} sharing the port
 * (each on its own event loop). It owns the sockets accepted by this instance and receives
 * everything addressed to them on one address, {@code meseta.gateway.<nodeId>.<instance>}: the
 * services store that {@link #connectionNodeId} per connection, so a delivery reaches the one
 * instance holding the socket. State that must be node-wide lives in the services (the
 * frameworks service checks a Mesos-Stream-Id arriving on another instance) or is shared.
 */
public final class GatewayVerticle extends VerticleBase {
  private final MasterIdentity identity;
  private final MasterConfig config;
  private final Leadership leadership;
  private final String connectionNodeId;
  private final int listenPort;
  private final AtomicInteger operatorSubscribers;
  /** Framework streams of both transports (WebSocket and Mesos HTTP) on this node. */
  private final FrameworkStreams schedulers = new FrameworkStreams();
  private SchedulerCalls schedulerCalls;
  private final Map<String, AgentConnection> agents = new HashMap<>();
  private HttpServer server;

  public GatewayVerticle(MasterIdentity identity, MasterConfig config) {
    this(identity, config, Leadership.singleNode());
  }

  /** @param leadership asked per scheduler request: leader serves, others redirect (307) */
  public GatewayVerticle(MasterIdentity identity, MasterConfig config, Leadership leadership) {
    this(identity, config, leadership, 0, config.port(), new AtomicInteger());
  }

  /**
   * @param instance this instance's index among the node's gateway instances
   * @param listenPort the configured port, or for a random port shared by all instances of the
   *     node a negative number unique to the node (Vert.x binds one random port per negative
   *     number and shares it among the servers that ask for it)
   * @param operatorSubscribers operator event subscribers of all instances (the cap is per node)
   */
  public GatewayVerticle(MasterIdentity identity, MasterConfig config, Leadership leadership,
      int instance, int listenPort, AtomicInteger operatorSubscribers) {
    this.identity = identity;
    this.config = config;
    this.leadership = leadership;
    this.listenPort = listenPort;
    this.connectionNodeId = identity.nodeId() + "." + instance;
    this.operatorSubscribers = operatorSubscribers;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().consumer(Addresses.gateway(connectionNodeId), message -> {
      Object body = message.body();
      if (body instanceof Messages.EventToConnection delivery) {
        schedulers.get(delivery.connectionId()).ifPresent(stream -> deliver(stream, delivery));
      } else if (body instanceof Messages.MessageToAgentConnection delivery) {
        AgentConnection connection = agents.get(delivery.connectionId());
        if (connection != null) {
          connection.send(delivery.message());
        }
      }
    });
    vertx.eventBus().consumer(Addresses.LEADER_CHANGED, message -> {
      // The new leader knows these agents and frameworks from the state store, not their
      // sockets: reconnecting is how each re-registers (with its tasks) or re-subscribes.
      java.util.List.copyOf(agents.values()).forEach(AgentConnection::close);
      schedulers.closeAll();
    });
    InputLimits limits = config.security().limits();
    schedulerCalls = new SchedulerCalls(vertx, connectionNodeId, config.heartbeatInterval(),
        schedulers, limits, config.security().acls());
    Router router = Router.router(vertx);
    // First: authentication (when on) and the body limit guard every route behind.
    router.route().handler(new GatewayGuard(vertx, config.security()));
    router.get("/api/v1/scheduler/ws").handler(ctx -> ctx.request().toWebSocket()
        .onSuccess(socket -> {
          WebSocketLimits.closeOversized(socket, limits);
          WebSocketSchedulerConnection.serve(socket, schedulerCalls, GatewayGuard.principal(ctx),
              config.security().rates());
        }));
    HttpSchedulerEndpoint mesosHttp = new HttpSchedulerEndpoint(schedulerCalls, leadership);
    router.route("/api/v1/scheduler").handler(mesosHttp);
    router.route("/master/api/v1/scheduler").handler(mesosHttp);
    Redirects redirects = new Redirects(leadership, this::advertisedAddress);
    router.route("/redirect").handler(redirects);
    router.route("/master/redirect").handler(redirects);
    router.get("/api/v1/agent/ws").handler(this::agentSocket);
    OperatorRoutes.mount(vertx, router, identity, config, operatorSubscribers, leadership);
    io.meseta.jobs.JobsRoutes.mount(router, vertx);
    io.meseta.gateway.console.WebConsole.mount(vertx, router, // GET /* falls through if no file
        config.security().tls());
    HttpServerOptions serverOptions = new HttpServerOptions();
    if (config.security().tls().serves()) {
      config.security().tls().identity().applyTo(serverOptions); // https and wss only
    }
    server = vertx.createHttpServer(serverOptions
        .setHost(config.host())
        .setPort(listenPort)
        .setMaxWebSocketFrameSize(limits.maxWebSocketFrameBytes())
        .setMaxWebSocketMessageSize(limits.maxWebSocketMessageBytes())
        .setIdleTimeout((int) limits.idleTimeout().toMillis())
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
    // Connection caps and the header timeout come before everything, the router included.
    ConnectionGuard connections = new ConnectionGuard(vertx, config.security().rates(),
        identity.nodeId());
    return server.connectionHandler(connections::opened)
        .requestHandler(connections.guarding(router)).listen();
  }

  /** The port actually bound (useful when configured with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private static void deliver(FrameworkStream stream, Messages.EventToConnection delivery) {
    if (delivery.event() != null) {
      stream.send(delivery.event());
    }
    if (delivery.closeAfter()) {
      stream.close();
    }
  }

  /** This node's {@code host:port} as clients reach it (the bound port when configured 0). */
  private String advertisedAddress() {
    return identity.hostname() + ":" + (identity.port() != 0 ? identity.port() : actualPort());
  }

  private void agentSocket(RoutingContext ctx) {
    ctx.request().toWebSocket().onSuccess(socket -> {
      WebSocketLimits.closeOversized(socket, config.security().limits());
      AgentConnection connection = new AgentConnection(vertx.eventBus(), connectionNodeId, socket,
          config.security().limits());
      agents.put(connection.id, connection);
      socket.textMessageHandler(WebSocketRate.limit(config.security().rates(), connection::onText,
          WebSocketRate.closing(socket)));
      socket.closeHandler(v -> {
        agents.remove(connection.id);
        connection.onClosed();
      });
    });
  }
}
