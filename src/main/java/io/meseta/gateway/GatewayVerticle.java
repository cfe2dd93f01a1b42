package io.meseta.gateway;

import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP and WebSocket edge of a master node. It owns the sockets connected to this node and
 * receives everything addressed to them on one address, {@code meseta.gateway.<nodeId>}.
 */
public final class GatewayVerticle extends VerticleBase {
  private final MasterIdentity identity;
  private final MasterConfig config;
  private final Map<String, SchedulerConnection> schedulers = new HashMap<>();
  private final Map<String, AgentConnection> agents = new HashMap<>();
  private HttpServer server;

  public GatewayVerticle(MasterIdentity identity, MasterConfig config) {
    this.identity = identity;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().consumer(Addresses.gateway(identity.nodeId()), message -> {
      Object body = message.body();
      if (body instanceof Messages.EventToConnection delivery) {
        SchedulerConnection connection = schedulers.get(delivery.connectionId());
        if (connection != null) {
          if (delivery.event() != null) {
            connection.send(delivery.event());
          }
          if (delivery.closeAfter()) {
            connection.close();
          }
        }
      } else if (body instanceof Messages.MessageToAgentConnection delivery) {
        AgentConnection connection = agents.get(delivery.connectionId());
        if (connection != null) {
          connection.send(delivery.message());
        }
      }
    });
    Router router = Router.router(vertx);
    router.get("/api/v1/scheduler/ws").handler(this::schedulerSocket);
    router.get("/api/v1/agent/ws").handler(this::agentSocket);
    router.get("/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/master/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/version").handler(this::version);
    StateHandler state = new StateHandler(vertx, identity);
    for (String path : new String[] {"/master/state", "/state", "/state.json",
        "/master/state.json"}) {
      router.get(path).handler(state);
    }
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxWebSocketFrameSize(16 * 1024 * 1024)
        .setMaxWebSocketMessageSize(64 * 1024 * 1024));
    return server.requestHandler(router).listen();
  }

  /** The port actually bound (useful when configured with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void schedulerSocket(RoutingContext ctx) {
    ctx.request().toWebSocket().onSuccess(socket -> {
      SchedulerConnection connection =
          new SchedulerConnection(vertx, identity.nodeId(), socket, config.heartbeatInterval());
      schedulers.put(connection.id, connection);
      socket.textMessageHandler(connection::onText);
      socket.closeHandler(v -> {
        schedulers.remove(connection.id);
        connection.onClosed();
      });
    });
  }

  private void agentSocket(RoutingContext ctx) {
    ctx.request().toWebSocket().onSuccess(socket -> {
      AgentConnection connection = new AgentConnection(vertx.eventBus(), identity.nodeId(), socket);
      agents.put(connection.id, connection);
      socket.textMessageHandler(connection::onText);
      socket.closeHandler(v -> {
        agents.remove(connection.id);
        connection.onClosed();
      });
    });
  }

  private void version(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("version", MasterIdentity.VERSION)
        .put("meseta_version", Version.current())
        .put("build_date", "")
        .put("build_time", 0)
        .put("build_user", "")
        .encode());
  }
}
