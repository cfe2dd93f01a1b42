package io.meseta.cli;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentSecurity;
import io.meseta.agent.AgentVerticle;
import io.meseta.agent.ResourceDetector;
import io.meseta.core.resources.Resources;
import io.meseta.gateway.operator.PrometheusMetrics;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.meseta.tls.TlsSettings;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Run a master and N agents in one process, sharing this machine's resources."
        + " Needs no configuration; Ctrl-C stops everything and kills every task.")
final class DevCommand implements Callable<Integer> {
  @Mixin
  MasterOptions options = new MasterOptions();

  @Option(names = "--agents", description = "number of agents (default 2)")
  Integer agents;

  @Option(names = "--work-dir", description = "where the agents' sandboxes live (default work/dev)")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings();
    MasterConfig config = options.masterConfig(settings);
    int count = agents != null ? agents : settings.integer("dev", "agents", 2);
    Path root = workDir != null ? workDir : Path.of(settings.string("dev", "work_dir", "work/dev"));
    Files.createDirectories(root);
    List<Resources> slices = ResourceSlicer.slice(Resources.parse(ResourceDetector.detect(root)), count);

    Vertx vertx = PrometheusMetrics.newVertx();
    Lifecycle.closeOnShutdown(vertx);
    MasterNode master = Lifecycle.await(MasterNode.start(vertx, config));
    TlsSettings tls = config.security().tls();
    // Dev agents dial their master on 127.0.0.1: a TLS dev cluster's certificate must name it.
    String address = (tls.serves() ? "https://" : "") + "127.0.0.1:" + master.port();
    AgentSecurity agentSecurity = !tls.serves() ? AgentSecurity.EMBEDDED
        : AgentSecurity.EMBEDDED.withTls(new TlsSettings(tls.identity(), tls.trustForOwnServer()));
    for (int i = 0; i < count; i++) {
      AgentConfig agent = AgentConfig.builder(List.of(address), root.resolve("agent-" + i))
          .hostname(config.advertisedHostname())
          .bindHost("127.0.0.1")
          .port(0)
          .resources(slices.get(i).toText())
          .security(agentSecurity)
          .build();
      AgentVerticle started = Lifecycle.await(AgentVerticle.deploy(vertx, agent));
      System.out.printf("agent %d: %s (files on port %d)%n", i, started.resources(),
          started.httpPort());
    }
    System.out.printf("Meseta dev cluster is up: %s://%s:%d  (state: /master/state;"
        + " try: java -jar target/meseta.jar execute --master %s --command 'echo hello')%n",
        tls.serves() ? "https" : "http", config.advertisedHostname(), master.port(), address);
    Thread.currentThread().join();
    return 0;
  }
}
