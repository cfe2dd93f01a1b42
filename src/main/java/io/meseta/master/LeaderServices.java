package io.meseta.master;

import io.meseta.jobs.JobServiceVerticle;
import io.meseta.master.agents.AgentRegistryVerticle;
import io.meseta.master.allocation.AllocatorVerticle;
import io.meseta.master.frameworks.FrameworkSessionsVerticle;
import io.meseta.master.state.LeaderTerm;
import io.meseta.master.tasks.TaskTrackerVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The services only the leader runs, deployed together for one term and undeployed together
 * when the term ends. Each loads what earlier terms stored before it serves: tasks and the
 * allocator first, so that frameworks and agents recovered next find them listening.
 */
final class LeaderServices {
  private final Vertx vertx;
  private final List<String> deployments = new ArrayList<>();

  private LeaderServices(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * @param gatewayPort this node's gateway port, which the job service (a framework) connects to
   */
  static Future<LeaderServices> start(Vertx vertx, MasterIdentity identity, MasterConfig config,
      LeaderTerm term, int gatewayPort) {
    LeaderServices services = new LeaderServices(vertx);
    return services.deploy(new TaskTrackerVerticle(term))
        .compose(v -> services.deploy(
            new AllocatorVerticle(identity, config, term.store(), term.epoch())))
        .compose(v -> services.deploy(new FrameworkSessionsVerticle(identity, config, term)))
        .compose(v -> services.deploy(new AgentRegistryVerticle(identity, config, term)))
        .compose(v -> !config.jobs().enabled() ? Future.<Void>succeededFuture()
            : services.deploy(new JobServiceVerticle(config.jobs(),
                JobServiceVerticle.localMasterAddress(config, gatewayPort),
                config.security().tls().serves()
                    ? config.security().tls().trustForOwnServer() : null)))
        .map(v -> services);
  }

  private Future<Void> deploy(Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      return null;
    });
  }

  /** Undeploys in reverse order: the job service and the registries before what they feed. */
  Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id).otherwiseEmpty());
    }
    deployments.clear();
    return chain;
  }
}
