package io.meseta.loadtest.failover;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-tests/run failover --runs N}: N runs of issue 5's scenario 1, each on a fresh
 * cluster of three forked masters, then the report. Exits non-zero when a run lost track of a
 * task, duplicated one, killed the long task, or failed outright.
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
    description = "kill -9 of the leader of three clustered masters while a framework launches "
        + "tasks, repeated: failover times and task counts to results/failover.md")
public final class FailoverCommand implements Callable<Integer> {
  @Option(names = "--runs", description = "failovers to measure, each on a fresh cluster "
      + "(default ${DEFAULT-VALUE})")
  int runs = 10;

  @Option(names = "--report", description = "the Markdown report to write (default ${DEFAULT-VALUE})")
  Path report = Path.of("load-tests", "results", "failover.md");

  @Option(names = "--log-level", description = "client-side logging (default ${DEFAULT-VALUE})")
  String logLevel = "ERROR";

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      System.err.println("--runs must be at least 1, got " + runs);
      return 2;
    }
    for (String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "io.meseta", "io.vertx",
        "io.netty", "com.hazelcast"}) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.toLevel(logLevel));
    }
    Instant started = Instant.now();
    String loadBefore = FailoverReport.loadAverage();
    List<RunResult> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      Path dir = Files.createTempDirectory("meseta-failover-" + run + "-");
      RunResult result;
      try {
        result = new FailoverRun(run, dir).execute();
      } catch (Exception | AssertionError e) {
        result = RunResult.failed(run, e.toString().lines().findFirst().orElse("")
            + " (master logs under target/cluster-logs)");
      } finally {
        deleteTree(dir);
      }
      results.add(result);
      System.out.println(FailoverReport.row(result));
      result.duplicates().forEach(d -> System.out.println("  duplicated " + d));
    }
    FailoverReport text = new FailoverReport(results, started, loadBefore,
        FailoverReport.loadAverage(), "load-tests/run failover --runs " + runs);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text.markdown());
    System.out.print(text.summary());
    System.out.println("report written to " + report);
    return results.stream().allMatch(FailoverReport::clean) ? 0 : 1;
  }

  /** The run's agent work dirs and settings; the master logs were copied by the cluster. */
  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + dir + " (" + e + "); delete it by hand");
    }
  }
}
