package io.meseta.master.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.meseta.gateway.operator.PrometheusMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A clustered Vert.x (event bus across master nodes) on a Hazelcast member built from a {@link
 * ClusterSettings} config, with the same Micrometer metrics as a single node. The member is also
 * what {@link LeaderElection} and {@link HazelcastStateStore} use, so one node runs one member.
 */
public final class ClusterNode {
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;

  private ClusterNode(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
  }

  /** Starts the member and joins the cluster; fails when the member cannot start or join. */
  public static Future<ClusterNode> start(Config config) {
    HazelcastClusterManager manager = new HazelcastClusterManager(config);
    return Vertx.builder()
        .with(PrometheusMetrics.options())
        .withClusterManager(manager)
        .buildClustered()
        .map(vertx -> new ClusterNode(vertx, manager.getHazelcastInstance()))
        .recover(failure -> Future.failedFuture(new IllegalStateException(
            "cannot join Hazelcast cluster '" + config.getClusterName() + "' on port "
                + config.getNetworkConfig().getPort() + ": " + failure.getMessage()
                + "; check the join list and that the ports are free", failure)));
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  /** This member's id in the cluster (also the Vert.x node id). */
  public String nodeId() {
    return hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  /** Closes Vert.x, which leaves the cluster and shuts the member down. */
  public Future<Void> close() {
    return vertx.close();
  }
}
