package io.meseta.gateway.operator;

import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Map;

/** Mounts every operator surface of this package on a gateway's router. */
public final class OperatorRoutes {
  private OperatorRoutes() {}

  /**
   * Call from the gateway verticle's {@code start()}: the event stream's consumer and heartbeat
   * belong to that verticle and end with it.
   */
  public static void mount(Vertx vertx, Router router, MasterIdentity identity,
      MasterConfig config) {
    Map<String, String> flags = MasterFlags.of(config, identity);
    OperatorEventStream stream = new OperatorEventStream(
        vertx, config.heartbeatInterval(), MasterFlags.MAX_OPERATOR_SUBSCRIBERS);
    stream.start();
    new ReadEndpoints(vertx.eventBus(), identity, flags, stream).mount(router);
    new OperatorApi(vertx.eventBus(), identity, flags, stream).mount(router);
    new RolePolicyApi(vertx.eventBus()).mount(router);
    new PrometheusEndpoint(vertx, identity, stream).mount(router);
  }
}
