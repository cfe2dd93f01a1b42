package io.meseta.master;

import io.meseta.gateway.GatewayVerticle;
import io.meseta.gateway.scheduler.Leadership;
import io.meseta.master.bus.Messages;
import io.meseta.master.state.LeaderTerm;
import io.meseta.master.state.MemoryStateStore;
import io.meseta.master.state.StateStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A master node: a gateway, and while it leads, the leader services (see {@link LeaderServices}),
 * on one Vert.x instance. A single node always leads. Each verticle
 * runs on its own event loop, so each core object is touched by one thread only. The gateway
 * runs as {@link MasterConfig#gatewayInstances} instances sharing the port, so the sockets and
 * their JSON work spread over the event loops.
 */
public final class MasterNode {
  private final Vertx vertx;
  private final MasterIdentity identity;
  private final List<String> deployments = new ArrayList<>();
  private LeaderServices leaderServices;
  /** Negative listen ports: one shared random port per node started in this JVM. */
  private static final AtomicInteger NEXT_SHARED_RANDOM_PORT = new AtomicInteger(-1);
  private int port;

  private MasterNode(Vertx vertx, MasterIdentity identity) {
    this.vertx = vertx;
    this.identity = identity;
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
    MasterNode node = create(vertx, config);
    return node.deployGateway(config, Leadership.singleNode())
        .compose(v -> node.lead(config, LeaderTerm.only(store, leaderEpoch)))
        .map(services -> node);
  }

  /** A node with its identity and codecs, serving nothing yet. */
  static MasterNode create(Vertx vertx, MasterConfig config) {
    MasterIdentity identity = MasterIdentity.create(
        config.advertisedHostname(), config.port(), System.currentTimeMillis());
    Messages.registerCodecs(vertx.eventBus());
    return new MasterNode(vertx, identity);
  }

  /** Starts this node's term as leader: the leader-only services, loading the stored state. */
  Future<LeaderServices> lead(MasterConfig config, LeaderTerm term) {
    return LeaderServices.start(vertx, identity, config, term, port).map(services -> {
      leaderServices = services;
      return services;
    });
  }

  /** Stops these services of a term that ended while they were starting. */
  Future<Void> stepDown(LeaderServices services) {
    if (leaderServices == services) {
      leaderServices = null;
    }
    return services.stop();
  }

  /** Ends this node's term as leader; the gateway keeps serving as a follower. */
  Future<Void> stepDown() {
    LeaderServices services = leaderServices;
    leaderServices = null;
    return services == null ? Future.succeededFuture() : services.stop();
  }

  /**
   * All instances in one deployment: Vert.x shares one listening socket among servers of the
   * same host and port, handing each new connection to the next instance. Port 0 cannot be
   * shared that way (each server would bind its own random port, and a later server asking for
   * the port the first one got fails with "Address already in use"), so a random port is asked
   * for with a negative number unique to this node, which Vert.x binds once and shares.
   */
  Future<Void> deployGateway(MasterConfig config, Leadership leadership) {
    int listenPort = config.port() != 0 ? config.port() : NEXT_SHARED_RANDOM_PORT.getAndDecrement();
    AtomicInteger operatorSubscribers = new AtomicInteger();
    AtomicInteger nextInstance = new AtomicInteger();
    List<GatewayVerticle> instances = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
          GatewayVerticle gateway = new GatewayVerticle(identity, config, leadership,
              nextInstance.getAndIncrement(), listenPort, operatorSubscribers);
          instances.add(gateway);
          return gateway;
        }, new DeploymentOptions().setInstances(config.gatewayInstances()))
        .map(id -> {
          deployments.add(id);
          port = instances.get(0).actualPort();
          return null;
        });
  }

  /** The port every gateway instance listens on (the bound one when configured with 0). */
  public int port() {
    return port;
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
    return chain.compose(v -> stepDown());
  }
}
