package io.meseta.loadtest.policy;

import io.meseta.core.placement.Scorer;
import io.meseta.jobs.QueuePolicy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-tests/run policies}: replays one seeded workload under every queue policy and every
 * placement scorer on a simulated clock and writes the comparison table.
 */
@Command(name = "policies", mixinStandardHelpOptions = true,
    description = "Simulated clock, real allocator and job-service core: every queue policy × scorer")
public final class PolicyCommand implements Callable<Integer> {
  @Option(names = "--jobs", description = "(default ${DEFAULT-VALUE})")
  int jobs = 10_000;

  @Option(names = "--agents", description = "70% cpus:8;mem:32768, 30% cpus:32;mem:131072 (default ${DEFAULT-VALUE})")
  int agents = 1_000;

  @Option(names = "--seed", description = "(default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--load", description = "offered cpu-time over cluster cpu-time during arrivals (default ${DEFAULT-VALUE})")
  double load = 1.5;

  @Option(names = "--aging-per-minute", description = "priority policy's aging (default ${DEFAULT-VALUE})")
  double agingPerMinute = 1.0;

  @Option(names = "--lookahead", description = "pending jobs per planning round, 0 = all (default ${DEFAULT-VALUE})")
  int lookahead = 0;

  @Option(names = "--no-shortcut", description = "one JobPlanner.plan call per round over the whole queue"
      + " (same placements, much slower; see SimRound)")
  boolean noShortcut;

  @Option(names = "--no-preemption", description = "do not run the preemption planner with the priority policy")
  boolean noPreemption;

  @Option(names = "--min-priority-gap", description = "preemption's minimum priority gap (default ${DEFAULT-VALUE})")
  int minPriorityGap = 3;

  @Option(names = "--policies", split = ",", description = "queue policies to run (default: all)")
  List<QueuePolicy> policies = List.of(QueuePolicy.values());

  @Option(names = "--scorers", split = ",", description = "scorers to run (default: all)")
  List<Scorer> scorers = List.of(Scorer.values());

  @Option(names = "--output", description = "(default ${DEFAULT-VALUE})")
  Path output = Path.of("load-tests", "results", "policies.md");

  /** Runs every combination, prints progress to {@code out}, writes the table; returns the results. */
  public List<SimResult> runAll(PrintStream out) throws Exception {
    Workload workload = Workload.generate(jobs, agents, load, seed);
    List<SimResult> results = new ArrayList<>();
    for (QueuePolicy policy : policies) {
      for (Scorer scorer : scorers) {
        boolean preempt = policy == QueuePolicy.PRIORITY && !noPreemption;
        SimSettings settings = new SimSettings(policy, scorer, agingPerMinute, lookahead, !noShortcut, preempt,
            Duration.ofSeconds(10), 5, minPriorityGap, Duration.ofSeconds(10));
        SimResult result = new PolicySimulation(workload, settings).run();
        out.printf(Locale.ROOT, "%-8s %-11s makespan %.0f s, mean wait %.1f s, %d/%d finished, %.1f s wall%n",
            policy, scorer, result.makespanSeconds(), result.meanWaitSeconds(), result.finished(),
            result.jobs(), result.wallMillis() / 1000.0);
        results.add(result);
      }
    }
    String command = "load-tests/run policies --jobs " + jobs + " --agents " + agents + " --seed " + seed
        + " --load " + load + (lookahead > 0 ? " --lookahead " + lookahead : "")
        + (noPreemption ? " --no-preemption" : "") + (noShortcut ? " --no-shortcut" : "");
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(output, PolicyTable.markdown(command, seed, jobs, agents, load, workload, results));
    out.println("table written to " + output);
    return results;
  }

  @Override
  public Integer call() throws Exception {
    List<SimResult> results = runAll(System.out);
    return results.stream().allMatch(r -> r.finished() + r.failed() == r.jobs()) ? 0 : 1;
  }
}
