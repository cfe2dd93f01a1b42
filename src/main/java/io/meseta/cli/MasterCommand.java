package io.meseta.cli;

import io.meseta.gateway.operator.PrometheusMetrics;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run a master node: pools agents' resources and offers them to frameworks.")
final class MasterCommand implements Callable<Integer> {
  @Mixin
  MasterOptions options = new MasterOptions();

  @Override
  public Integer call() throws Exception {
    MasterConfig config = options.masterConfig(options.settings());
    Vertx vertx = PrometheusMetrics.newVertx();
    Lifecycle.closeOnShutdown(vertx);
    MasterNode node = Lifecycle.await(MasterNode.start(vertx, config));
    System.out.printf("Meseta master %s listening on http://%s:%d%n",
        node.identity().id(), config.advertisedHostname(), node.port());
    Thread.currentThread().join();
    return 0;
  }
}
