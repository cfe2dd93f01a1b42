package io.meseta.master;

import com.hazelcast.config.Config;
import io.meseta.gateway.scheduler.Leadership;
import io.meseta.master.bus.Addresses;
import io.meseta.master.cluster.ClusterNode;
import io.meseta.master.cluster.HazelcastStateStore;
import io.meseta.master.cluster.LeaderElection;
import io.meseta.master.cluster.MasterNodeDirectory;
import io.meseta.master.state.LeaderTerm;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master node in a Hazelcast cluster: its gateway serves from the start (forwarding to the
 * leader over the clustered event bus); when the CP lock elects it, it claims the store with the
 * lock's fencing token, then runs the leader services, which load the state earlier leaders
 * stored. Losing the lock, or a store write refused as stale, ends the term: the services stop
 * and the node goes on as a follower, campaigning again.
 */
public final class ClusteredMaster implements LeaderElection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteredMaster.class);

  private final ClusterNode cluster;
  private final MasterNode node;
  private final MasterConfig config;
  private final Context context;
  private volatile LeaderElection election;
  private volatile MasterNodeDirectory masterNodes;
  /** The epoch of the term whose services are (being) started; 0 when not leading. */
  private long term;
  private volatile boolean recovered;

  private ClusteredMaster(ClusterNode cluster, MasterNode node, MasterConfig config) {
    this.cluster = cluster;
    this.node = node;
    this.config = config;
    this.context = cluster.vertx().getOrCreateContext();
  }

  /** Joins the cluster, serves the gateway, and campaigns for leadership. */
  public static Future<ClusteredMaster> start(MasterConfig config, Config hazelcast) {
    return ClusterNode.start(hazelcast).compose(cluster -> {
      MasterNode node = MasterNode.create(cluster.vertx(), config);
      ClusteredMaster master = new ClusteredMaster(cluster, node, config);
      // Creating the CP lock waits for the CP group to form: a blocking call, off the loop.
      return node.deployGateway(config, master.gatewayLeadership())
          .compose(v -> cluster.vertx().executeBlocking(() -> {
            master.masterNodes = MasterNodeDirectory.start(cluster.hazelcast(),
                node.identity().id(), config.advertisedHostname(), node.port());
            return LeaderElection.start(cluster.hazelcast(), master.context,
                node.identity().id(), config.advertisedHostname(), node.port(), master,
                LeaderElection.Timing.from(hazelcast));
          }))
          .map(election -> {
            master.election = election;
            return master;
          })
          .recover(e -> cluster.close().transform(x -> Future.failedFuture(e)));
    });
  }

  /** What the gateway asks per request: this node's leadership and the cluster's master nodes. */
  private Leadership gatewayLeadership() {
    return new Leadership() {
      @Override
      public Status status() {
        return leadership();
      }

      @Override
      public java.util.List<MasterNode> masterNodes() {
        MasterNodeDirectory directory = masterNodes;
        return directory == null ? java.util.List.of() : directory.current();
      }
    };
  }

  private Leadership.Status leadership() {
    LeaderElection current = election;
    return current == null ? new Leadership.NoLeader() : current.status(recovered);
  }

  @Override
  public void onElected(long epoch) {
    term = epoch;
    LOG.info("Elected leader with epoch {}; recovering the stored state", epoch);
    long startedAt = System.nanoTime();
    HazelcastStateStore store =
        new HazelcastStateStore(cluster.vertx(), cluster.hazelcast(), this::leaseValid);
    store.claim(epoch)
        .compose(v -> {
          if (term != epoch) {
            return Future.<LeaderServices>succeededFuture();
          }
          // Before the services serve: every connection made from now on registers with this
          // term, so none is dropped after it has (which would lose what was sent to it).
          cluster.vertx().eventBus().publish(Addresses.LEADER_CHANGED, epoch);
          return node.lead(config, new LeaderTerm(store, epoch, () -> deposedByStore(epoch)));
        })
        .onSuccess(services -> {
          if (term != epoch) {
            // Deposed while the services were starting: stop exactly those.
            if (services != null) {
              node.stepDown(services);
            }
          } else {
            recovered = true;
            LOG.info("Leading with epoch {}: state recovered in {} ms", epoch,
                (System.nanoTime() - startedAt) / 1_000_000);
          }
        })
        .onFailure(e -> {
          LOG.error("Could not take over as leader with epoch {}: {}", epoch, e.toString());
          deposedByStore(epoch);
        });
  }

  /** The election may elect this node before {@link #start} has stored it: no lease yet then. */
  private boolean leaseValid() {
    LeaderElection current = election;
    return current != null && current.leaseValid();
  }

  @Override
  public void onDeposed() {
    LOG.warn("No longer the leader (epoch {}); stopping the leader services", term);
    term = 0;
    recovered = false;
    node.stepDown();
  }

  /**
   * A newer leader has written, or this node could not take over: this term is over even if the
   * lock has not noticed yet. Resigning releases the lock, so that a node able to lead can.
   */
  private void deposedByStore(long epoch) {
    context.runOnContext(v -> {
      LeaderElection current = election;
      if (term == epoch && current != null) {
        current.resign();
      }
    });
  }

  public MasterNode node() {
    return node;
  }

  /** Stops campaigning (releasing the lock), then leaves the cluster. */
  public Future<Void> stop() {
    Future<Void> campaign = election == null ? Future.succeededFuture() : election.close();
    return campaign.compose(v -> node.stop()).compose(v -> cluster.close());
  }
}
