package io.meseta.loadtest.fuzz;

import io.meseta.e2e.Awaits;
import io.meseta.e2e.TestFramework;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * One fuzz campaign: a fresh cluster, then each entry point in turn gets its inputs in batches; after
 * every batch the master must answer {@code /master/state-summary} and {@code /master/state}, the
 * invariants must hold and no event loop may have been reported blocked. At the end a well-behaved
 * framework must still run a task to TASK_FINISHED on one of the real agents.
 */
public final class FuzzCampaign {
  /** How long an invariant may stay broken while the services' views catch up with each other. */
  private static final int RECHECKS = 5;

  private final FuzzOptions options;
  private final PrintStream out;
  private final Set<String> seenViolations = new java.util.HashSet<>();

  public FuzzCampaign(FuzzOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** The result: one tally per entry point, and whether the final framework's task finished. */
  public record Result(List<Tally> tallies, boolean finalTaskFinished, String finalDetail) {

    public boolean clean() {
      return finalTaskFinished && tallies.stream().allMatch(Tally::clean);
    }

    public long inputs() {
      return tallies.stream().mapToLong(t -> t.inputs).sum();
    }

    public String table() {
      return Tally.table(tallies) + "\nfinal framework task: "
          + (finalTaskFinished ? "TASK_FINISHED" : "NOT finished") + " " + finalDetail + "\n";
    }
  }

  public Result run() throws Exception {
    Path work = Files.createTempDirectory("meseta-fuzz");
    LogWatch watch = LogWatch.install();
    try (FuzzCluster cluster = FuzzCluster.start(options.agents, options.concurrency * 2, work)) {
      Set<String> realAgents = awaitRealAgents(cluster);
      List<Function<FuzzCluster, EntryPoint>> entryPoints = List.of(
          SchedulerSocketFuzzer::new, HttpEntryPoints::schedulerJson,
          HttpEntryPoints::schedulerProtobuf, AgentSocketFuzzer::new, HttpEntryPoints::executor,
          HttpEntryPoints::operator, HttpEntryPoints::jobs);
      List<Tally> tallies = new ArrayList<>();
      for (int i = 0; i < entryPoints.size(); i++) {
        try (EntryPoint entry = entryPoints.get(i).apply(cluster)) {
          if (options.only == null || entry.name().toLowerCase().contains(options.only.toLowerCase())) {
            tallies.add(fuzz(cluster, entry, i, watch));
          }
        }
      }
      String detail = finalFramework(cluster, realAgents);
      return new Result(tallies, detail.isEmpty(), detail);
    } finally {
      watch.uninstall();
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private Tally fuzz(FuzzCluster cluster, EntryPoint entry, int index, LogWatch watch)
      throws Exception {
    Tally tally = new Tally(entry.name());
    int blockedBefore = watch.blocked.get();
    int errorsBefore = watch.errors.get();
    List<Random> randoms = new ArrayList<>();
    for (int w = 0; w < options.concurrency; w++) {
      randoms.add(new Random(options.seed * 1_000_003L + index * 1_009L + w));
    }
    long start = System.nanoTime();
    long deadline = start + options.maxSecondsPerEntryPoint * 1_000_000_000L;
    while (tally.inputs < options.inputs) {
      if (System.nanoTime() > deadline) {
        tally.stoppedBy = "time cap (" + options.maxSecondsPerEntryPoint + " s)";
        break;
      }
      int batch = (int) Math.min(options.batch, options.inputs - tally.inputs);
      List<Future<Void>> workers = new ArrayList<>();
      for (int w = 0; w < options.concurrency; w++) {
        int share = batch / options.concurrency + (w < batch % options.concurrency ? 1 : 0);
        workers.add(chain(entry, w, randoms.get(w), share, tally, deadline));
      }
      // Each input answers or times out on its own (10 s idle timeout); a batch is not bounded here.
      FuzzCluster.await(Future.join(workers), Duration.ofMinutes(10));
      FuzzCluster.await(entry.afterBatch());
      tally.batches++;
      check(cluster, tally);
    }
    tally.seconds = (System.nanoTime() - start) / 1e9;
    tally.blockedWarnings = watch.blocked.get() - blockedBefore;
    tally.errorLogs = watch.errors.get() - errorsBefore;
    out.printf("%s: %,d inputs in %.1f s; %s; 5xx %d, violations %d, blocked %d%n", entry.name(),
        tally.inputs, tally.seconds, tally.answersText(), tally.serverErrors, tally.violations,
        tally.blockedWarnings);
    return tally;
  }

  /** One worker's inputs, one after the other, until its share is sent or the time cap passes. */
  private static Future<Void> chain(EntryPoint entry, int worker, Random random, int left,
      Tally tally, long deadline) {
    if (left == 0 || System.nanoTime() > deadline) {
      return Future.succeededFuture();
    }
    return entry.send(worker, random).compose(outcome -> {
      tally.record(outcome);
      return chain(entry, worker, random, left - 1, tally, deadline);
    });
  }

  /**
   * The master answers and the invariants hold, allowing the services' views a moment to agree.
   * Violations are counted once, in the batch that first showed them.
   */
  private void check(FuzzCluster cluster, Tally tally) throws Exception {
    List<String> violations = List.of();
    for (int attempt = 0; attempt < RECHECKS; attempt++) {
      JsonObject summary;
      JsonObject state;
      try {
        summary = cluster.getJson("/master/state-summary");
        state = cluster.getJson("/master/state");
      } catch (Exception e) {
        tally.masterSilent++;
        tally.sample("master did not answer after batch " + tally.batches + ": " + e);
        return;
      }
      violations = Invariants.violations(summary, state);
      boolean onlyOrphans = violations.stream().allMatch(v -> v.startsWith(Invariants.ORPHAN));
      if (onlyOrphans) {
        if (attempt > 0) {
          tally.transientViolations++;
        }
        break;
      }
      Thread.sleep(200);
    }
    for (String violation : violations) {
      if (seenViolations.add(violation)) {
        if (violation.startsWith(Invariants.ORPHAN)) {
          tally.orphanViolations++;
        } else {
          tally.violations++;
        }
        tally.sample("after batch " + tally.batches + ": " + violation);
      }
    }
  }

  private Set<String> awaitRealAgents(FuzzCluster cluster) throws Exception {
    Awaits.until(options.agents + " real agents registered", Duration.ofSeconds(30), () ->
        cluster.agents.stream().allMatch(a -> a.agentId() != null)
            && activeAgents(cluster).size() == options.agents);
    return cluster.agents.stream().map(a -> a.agentId()).collect(Collectors.toSet());
  }

  private static Set<String> activeAgents(FuzzCluster cluster) throws Exception {
    return cluster.getJson("/master/state").getJsonArray("slaves").stream()
        .map(s -> (JsonObject) s).filter(s -> s.getBoolean("active"))
        .map(s -> s.getString("id")).collect(Collectors.toSet());
  }

  /** Empty when a plain framework ran a task to TASK_FINISHED; otherwise what went wrong. */
  private String finalFramework(FuzzCluster cluster, Set<String> realAgents) throws Exception {
    // The fuzzers' fake agents are gone once their sockets close; wait until only real ones serve.
    Awaits.until("only the real agents active", Duration.ofSeconds(30),
        () -> activeAgents(cluster).equals(realAgents));
    try (TestFramework framework = new TestFramework(cluster.vertx,
        List.of("127.0.0.1:" + cluster.port()), TestFramework.info("after-fuzz", 0, false))) {
      framework.start();
      framework.submit("after-fuzz", "true");
      try {
        Awaits.until("the final task to finish", Duration.ofSeconds(30),
            () -> framework.saw("after-fuzz", TaskState.TASK_FINISHED));
        return "";
      } catch (AssertionError | Exception e) {
        return "final task states " + framework.states("after-fuzz") + ": " + e.getMessage();
      }
    }
  }
}
