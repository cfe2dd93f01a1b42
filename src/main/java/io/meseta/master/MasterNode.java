package io.meseta.master;

import io.meseta.gateway.GatewayVerticle;
import io.meseta.jobs.JobServiceVerticle;
import io.meseta.master.agents.AgentRegistryVerticle;
import io.meseta.master.allocation.AllocatorVerticle;
import io.meseta.master.bus.Messages;
import io.meseta.master.frameworks.FrameworkSessionsVerticle;
import io.meseta.master.state.MemoryStateStore;
import io.meseta.master.state.StateStore;
import io.meseta.master.tasks.TaskTrackerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-node master: the leader services and a gateway on one Vert.x instance. Each verticle
 * runs on its own event loop, so each core object is touched by one thread only.
 */
public final class MasterNode {
  private final Vertx vertx;
  private final MasterIdentity identity;
  private final GatewayVerticle gateway;
  private final List<String> deployments = new ArrayList<>();

  private MasterNode(Vertx vertx, MasterIdentity identity, GatewayVerticle gateway) {
    this.vertx = vertx;
    this.identity = identity;
    this.gateway = gateway;
  }

  /** Single node: it is the leader, with epoch 1, and its state lives in memory. */
  public static final long SINGLE_NODE_EPOCH = 1;

  /** Starts a master on {@code vertx}; the future completes once it accepts connections. */
  public static Future<MasterNode> start(Vertx vertx, MasterConfig config) {
    return start(vertx, config, new MemoryStateStore(), SINGLE_NODE_EPOCH);
  }

  /**
   * Starts a master whose leader services load from and write through {@code store}, stamping
   * {@code leaderEpoch} on every write (the fencing token of its leadership).
   */
  public static Future<MasterNode> start(Vertx vertx, MasterConfig config, StateStore store,
      long leaderEpoch) {
    MasterIdentity identity = MasterIdentity.create(
        config.advertisedHostname(), config.port(), System.currentTimeMillis());
    Messages.registerCodecs(vertx.eventBus());
    GatewayVerticle gateway = new GatewayVerticle(identity, config);
    MasterNode node = new MasterNode(vertx, identity, gateway);
    return node.deploy(new FrameworkSessionsVerticle(identity, config))
        .compose(v -> node.deploy(new AgentRegistryVerticle(identity, config)))
        .compose(v -> node.deploy(new TaskTrackerVerticle()))
        .compose(v -> node.deploy(new AllocatorVerticle(identity, config, store, leaderEpoch)))
        .compose(v -> node.deploy(gateway))
        .compose(v -> !config.jobs().enabled() ? Future.<Void>succeededFuture()
            : node.deploy(new JobServiceVerticle(config.jobs(),
                JobServiceVerticle.localMasterAddress(config, gateway.actualPort()))))
        .map(v -> node);
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      return null;
    });
  }

  public int port() {
    return gateway.actualPort();
  }

  public MasterIdentity identity() {
    return identity;
  }

  /** Undeploys everything this node deployed, gateway first so no new work arrives. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain;
  }
}
