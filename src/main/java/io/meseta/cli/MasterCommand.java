package io.meseta.cli;

import io.meseta.gateway.operator.PrometheusMetrics;
import io.meseta.master.ClusteredMaster;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.meseta.master.cluster.ClusterSettings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run a master node: pools agents' resources and offers them to frameworks.")
final class MasterCommand implements Callable<Integer> {
  @Mixin
  MasterOptions options = new MasterOptions();

  @Option(names = "--cluster", paramLabel = "FILE",
      description = "join the Hazelcast cluster this file configures (e.g. conf/hazelcast.yaml):"
          + " one node leads, the others take over when it fails (default: a single node)")
  Path cluster;

  @Override
  public Integer call() throws Exception {
    MasterConfig config = options.masterConfig(options.settings());
    if (cluster != null) {
      return runClustered(config);
    }
    Vertx vertx = PrometheusMetrics.newVertx();
    Lifecycle.closeOnShutdown(vertx);
    MasterNode node = Lifecycle.await(MasterNode.start(vertx, config));
    System.out.printf("Meseta master %s listening on http://%s:%d%n",
        node.identity().id(), config.advertisedHostname(), node.port());
    Thread.currentThread().join();
    return 0;
  }

  private int runClustered(MasterConfig config) throws Exception {
    ClusteredMaster master =
        Lifecycle.await(ClusteredMaster.start(config, ClusterSettings.load(cluster)));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        master.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("meseta: clean shutdown did not finish: " + e);
      }
    }, "meseta-shutdown"));
    System.out.printf("Meseta master %s (clustered) listening on http://%s:%d%n",
        master.node().identity().id(), config.advertisedHostname(), master.node().port());
    Thread.currentThread().join();
    return 0;
  }
}
