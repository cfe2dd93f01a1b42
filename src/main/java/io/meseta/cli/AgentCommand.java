package io.meseta.cli;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentSecurity;
import io.meseta.agent.AgentVerticle;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run an agent: offers this machine's resources and runs tasks as processes.")
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--master", required = true, split = ",",
      description = "master nodes, HOST:PORT[,HOST:PORT...]")
  List<String> masters;

  @Option(names = "--port", description = "sandbox files HTTP port (default 5051)")
  Integer port;

  @Option(names = "--work-dir", description = "where sandboxes live (default work/agent)")
  Path workDir;

  @Option(names = "--resources",
      description = "resources to offer, e.g. 'cpus:4;mem:8192;ports:[31000-32000]' (default: detected)")
  String resources;

  @Option(names = "--attributes", description = "attributes, e.g. 'rack:r1;os:debian'")
  String attributes;

  @Option(names = "--hostname", description = "host name advertised to the master")
  String hostname;

  @Option(names = "--config", description = "settings file (default conf/meseta.yaml)")
  Path config;

  @Option(names = "--recover", defaultValue = "reconnect",
      converter = AgentOptions.RecoverConverter.class,
      description = "after a restart on the same work dir: reconnect (re-adopt the tasks and"
          + " executors still running, re-register with the old agent id) or cleanup (kill them,"
          + " register as a new agent); default ${DEFAULT-VALUE}")
  AgentConfig.Recover recover;

  @Option(names = "--credential", description = "Mesos credential file presented to a master"
      + " that authenticates agents: {\"principal\":\"...\",\"secret\":\"...\"}"
      + " (or --principal with --secret-file)")
  Path credential;

  /** --tls-cert/--tls-key: the agent's HTTP server; --tls-ca: verifies the master. */
  @picocli.CommandLine.Mixin
  TlsOptions tls = new TlsOptions();

  @Option(names = "--switch-user", negatable = true,
      description = "run each task as its CommandInfo.user (else its framework's user), as"
          + " Mesos does (default: on when the agent runs as root)")
  Boolean switchUser;

  @Option(names = "--allow-root-tasks",
      description = "let tasks run as root (refused by default)")
  boolean allowRootTasks;

  @Option(names = "--authenticate-executors",
      description = "give each executor a token (MESOS_EXECUTOR_AUTHENTICATION_TOKEN) and"
          + " require it on the executor API (default: off, as in Mesos)")
  boolean authenticateExecutors;

  @Override
  public Integer call() throws Exception {
    Settings s = Settings.load(config == null ? Path.of("conf", "meseta.yaml") : config,
        config != null);
    AgentConfig agentConfig = AgentConfig.builder(masters,
            workDir != null ? workDir : Path.of(s.string("agent", "work_dir", "work/agent")))
        .port(port != null ? port : s.integer("agent", "port", 5051))
        .resources(resources)
        .attributes(AgentOptions.attributes(attributes))
        .hostname(hostname)
        .statusRetry(s.duration("agent", "status_retry_initial", Duration.ofSeconds(10)),
            s.duration("agent", "status_retry_max", Duration.ofMinutes(10)))
        .killGracePeriod(s.duration("agent", "kill_grace_period", Duration.ofSeconds(3)))
        .recover(recover)
        .security(AgentSecurity.commandLine(tls.settings(s), switchUser, allowRootTasks)
            .withAuthenticatedExecutors(authenticateExecutors))
        .masterAuthorization((credential != null
            ? java.util.Optional.of(io.meseta.client.Credential.fromFile(credential))
            : ClientAuth.credential())
            .map(io.meseta.client.Credential::basicAuthorization).orElse(null))
        .build();
    Vertx vertx = Vertx.vertx();
    Lifecycle.closeOnShutdown(vertx);
    AgentVerticle agent = Lifecycle.await(AgentVerticle.deploy(vertx, agentConfig));
    System.out.printf("Meseta agent offering %s, serving files on port %d, master %s%n",
        agent.resources(), agent.httpPort(), String.join(",", masters));
    Thread.currentThread().join();
    return 0;
  }
}
