package io.meseta.gateway.operator;

import io.meseta.gateway.scheduler.Leadership;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Mounts every operator surface of this package on a gateway's router. */
public final class OperatorRoutes {
  private OperatorRoutes() {}

  /**
   * Call from the gateway verticle's {@code start()}: the event stream's consumer and heartbeat
   * belong to that verticle and end with it.
   */
  public static void mount(Vertx vertx, Router router, MasterIdentity identity,
      MasterConfig config) {
    mount(vertx, router, identity, config, new AtomicInteger());
  }

  /**
   * @param nodeSubscribers the event stream subscribers of all gateway instances of the node,
   *     shared so the subscriber cap and the metric hold for the node, not per instance
   */
  public static void mount(Vertx vertx, Router router, MasterIdentity identity,
      MasterConfig config, AtomicInteger nodeSubscribers) {
    mount(vertx, router, identity, config, nodeSubscribers, Leadership.singleNode());
  }

  /**
   * @param leadership where the leader is and which master nodes there are, as {@code
   *     /master/state} reports them
   */
  public static void mount(Vertx vertx, Router router, MasterIdentity identity,
      MasterConfig config, AtomicInteger nodeSubscribers, Leadership leadership) {
    // First: every operator request carries its principal's view under the ACLs.
    OperatorViewer.attach(router, config.security().acls());
    AccessGuards.mount(router, vertx.eventBus());
    Map<String, String> flags = MasterFlags.of(config, identity);
    OperatorEventStream stream = new OperatorEventStream(vertx, config.heartbeatInterval(),
        MasterFlags.MAX_OPERATOR_SUBSCRIBERS, nodeSubscribers);
    stream.start();
    new ReadEndpoints(vertx.eventBus(), identity, flags, stream, leadership).mount(router);
    new OperatorApi(vertx.eventBus(), identity, flags, stream).mount(router);
    new RolePolicyApi(vertx.eventBus()).mount(router);
    new PrometheusEndpoint(vertx, identity, stream).mount(router);
  }
}
