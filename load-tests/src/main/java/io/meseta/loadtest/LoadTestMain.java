package io.meseta.loadtest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.meseta.loadtest.policy.PolicyCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code load-tests/run}: one subcommand per scenario, plus {@code placement} (Fenzo side by
 * side), {@code policies} (queue policies × scorers on a simulated clock) and {@code bench ARGS} (the JMH
 * benchmarks; ARGS are JMH's own options, e.g. {@code -wi 2 -i 3 -f 1}).
 */
@Command(name = "load-tests/run", mixinStandardHelpOptions = true,
    description = "Meseta load harness: simulated agents and frameworks, JMH benchmarks, Fenzo side by side",
    subcommands = {LoadTestMain.Throughput.class, LoadTestMain.Scale.class, LoadTestMain.Churn.class,
        PlacementComparison.class, PolicyCommand.class,
        io.meseta.loadtest.failover.FailoverCommand.class, io.meseta.loadtest.fuzz.FuzzCommand.class})
public final class LoadTestMain {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("bench")) {
      // JMH parses its own options (-wi, -i, -f ...), which picocli would reject.
      org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int code = new CommandLine(new LoadTestMain()).execute(args);
    System.exit(code);
  }

  /** Shared by the scenario subcommands. */
  abstract static class ScenarioCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--log-level", description = "master and client logging (default ${DEFAULT-VALUE})")
    String logLevel = "WARN";

    abstract Scenario scenario();

    @Override
    public Integer call() throws Exception {
      // conf/logback.xml sets io.meseta on its own; a master logging every agent would drown the results.
      for (String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "io.meseta", "io.vertx", "io.netty"}) {
        ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.toLevel(logLevel));
      }
      ScenarioResult result = new ScenarioRunner(scenario(), options, System.out).run();
      System.out.print(result.table());
      Path file = result.write(options.resultsDir);
      System.out.println("result written to " + file);
      return result.tasksFinished() > 0 || scenario() == Scenario.SCALE ? 0 : 1;
    }
  }

  @Command(name = "throughput", mixinStandardHelpOptions = true,
      description = "Tasks turned over as fast as offers allow (offer, accept, RUNNING, FINISHED, acknowledged)")
  static final class Throughput extends ScenarioCommand {
    @Override
    Scenario scenario() {
      return Scenario.THROUGHPUT;
    }
  }

  @Command(name = "scale", mixinStandardHelpOptions = true,
      description = "As many agents as possible registered and answering pings, with long-running tasks")
  static final class Scale extends ScenarioCommand {
    @Override
    Scenario scenario() {
      return Scenario.SCALE;
    }
  }

  @Command(name = "churn", mixinStandardHelpOptions = true,
      description = "Throughput while agents and frameworks keep leaving and joining")
  static final class Churn extends ScenarioCommand {
    @Override
    Scenario scenario() {
      return Scenario.CHURN;
    }
  }
}
