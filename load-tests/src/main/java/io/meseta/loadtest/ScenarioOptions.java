package io.meseta.loadtest;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The knobs of a scenario, as command-line options (a picocli mixin) or set directly by tests. Defaults make
 * whole-agent offers pack exactly: an agent of 8 cpus and 8 GiB holds 8 tasks of 1 cpu and 1 GiB, leaving only
 * ports, which are not allocatable on their own, so a freed slot is the only thing that makes a new offer.
 */
public final class ScenarioOptions {
  @Option(names = "--agents", description = "simulated agents (default ${DEFAULT-VALUE})")
  public int agents = 1000;

  @Option(names = "--frameworks", description = "simulated frameworks (default ${DEFAULT-VALUE})")
  public int frameworks = 10;

  @Option(names = "--seconds", description = "length of the measured window (default ${DEFAULT-VALUE})")
  public int seconds = 30;

  @Option(names = "--warmup-seconds", description = "run before measuring; default: seconds/5, 1 to 10")
  public Integer warmupSeconds;

  @Option(names = "--master", paramLabel = "HOST:PORT",
      description = "target a running master instead of starting one in this JVM")
  public String master;

  @Option(names = "--master-pid", description = "pid of the --master process, to sample its CPU and memory")
  public long masterPid;

  @Option(names = "--agent-resources", description = "(default ${DEFAULT-VALUE})")
  public String agentResources = "cpus:8;mem:8192;disk:8192;ports:[31000-32000]";

  @Option(names = "--task-resources", description = "(default ${DEFAULT-VALUE})")
  public String taskResources = "cpus:1;mem:1024;disk:1024";

  @Option(names = "--task-millis",
      description = "how long a task runs; default 1000, in scale: longer than the whole run")
  public Long taskMillis;

  @Option(names = "--max-tasks-per-offer", description = "(default ${DEFAULT-VALUE})")
  public int maxTasksPerOffer = 100;

  @Option(names = "--refuse-seconds", description = "filter on declines and unused rests (default ${DEFAULT-VALUE})")
  public double refuseSeconds = 5;

  @Option(names = "--retry-millis", description = "agent status update retry (default ${DEFAULT-VALUE})")
  public long retryMillis = 10_000;

  @Option(names = "--ping-millis", description = "in-JVM master: agent ping interval (default ${DEFAULT-VALUE})")
  public long pingMillis = 15_000;

  @Option(names = "--allocation-interval-millis", description = "in-JVM master (default ${DEFAULT-VALUE})")
  public long allocationIntervalMillis = 1000;

  @Option(names = "--generator-threads", description = "event loops of the load generator (default ${DEFAULT-VALUE})")
  public int generatorThreads = 2;

  @Option(names = "--churn-agents-per-second", description = "churn: agents replaced per second; default agents/20")
  public Integer churnAgentsPerSecond;

  @Option(names = "--churn-framework-every-seconds", description = "churn (default ${DEFAULT-VALUE})")
  public int churnFrameworkEverySeconds = 2;

  @Option(names = "--connect-timeout-ms", description = "for all agents to register (default ${DEFAULT-VALUE})")
  public long connectTimeoutMillis = 300_000;

  @Option(names = "--results-dir", description = "where the JSON result goes (default ${DEFAULT-VALUE})")
  public Path resultsDir = Path.of("load-tests", "results");

  int warmupSeconds() {
    return warmupSeconds != null ? warmupSeconds : Math.max(1, Math.min(10, seconds / 5));
  }

  long taskMillis(Scenario scenario) {
    if (taskMillis != null) {
      return taskMillis;
    }
    // Scale keeps tasks running for the whole run: it measures holding agents and tasks, not turnover.
    return scenario == Scenario.SCALE ? (warmupSeconds() + seconds + 60L) * 1000 : 1000;
  }

  int churnAgentsPerSecond() {
    return churnAgentsPerSecond != null ? churnAgentsPerSecond : Math.max(1, agents / 20);
  }

  void validate() {
    if (agents < 1 || frameworks < 1 || seconds < 1) {
      throw new IllegalArgumentException("--agents, --frameworks and --seconds must be at least 1");
    }
    if (master != null && !master.matches("[^:]+:[0-9]+")) {
      throw new IllegalArgumentException("--master must be HOST:PORT, e.g. 127.0.0.1:5050; got " + master);
    }
  }
}
