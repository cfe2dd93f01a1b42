package io.meseta.loadtest.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToLongFunction;

/** {@code results/failover.md}: the machine, the command, one row per run, and the summary. */
final class FailoverReport {
  private static final String HEADER = "| Run | kill → leader serves (ms) | kill → first offer of "
      + "the new leader (ms) | submitted | launched | finished | other terminal | duplicated | "
      + "unfinished | long task survived | problem |\n"
      + "|---|---|---|---|---|---|---|---|---|---|---|\n";

  private final List<RunResult> results;
  private final Instant started;
  private final String loadBefore;
  private final String loadAfter;
  private final String command;

  FailoverReport(List<RunResult> results, Instant started, String loadBefore, String loadAfter,
      String command) {
    this.results = results;
    this.started = started;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
    this.command = command;
  }

  /** A run that measured both times and kept every task accounted for, once. */
  static boolean clean(RunResult r) {
    return r.problem().isEmpty() && r.serveMillis() >= 0 && r.firstOfferMillis() >= 0
        && r.duplicated() == 0 && r.unfinished() == 0 && r.longTaskSurvived();
  }

  static String row(RunResult r) {
    String other = r.otherTerminal() == 0 ? "0" : r.otherTerminal() + " " + r.otherStates();
    return "| " + r.run() + " | " + millis(r.serveMillis()) + " | "
        + millis(r.firstOfferMillis()) + " | " + r.submitted() + " | " + r.launched() + " | "
        + r.finished() + " | " + other + " | " + r.duplicated() + " | " + r.unfinished() + " | "
        + (r.longTaskSurvived() ? "yes" : "**no**") + " | " + r.problem().replace("|", "/")
        + " |";
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Failover of the leader master (issue 5, scenario 1)\n\n")
        .append("Date: ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME
            .format(started.atOffset(ZoneOffset.UTC).withNano(0))).append(" UTC  \n")
        .append("Machine: ").append(machine()).append("  \n")
        .append("Load average (1, 5, 15 min) before / after: ").append(loadBefore)
        .append(" / ").append(loadAfter).append("  \n")
        .append("Command: `").append(command).append("`\n\n")
        .append("Each run starts three clustered masters in JVMs of their own (`ForkedMaster`, "
            + "`MasterCluster`: 127.0.0.1, random cluster name, `conf/hazelcast.yaml`), two "
            + "in-JVM agents (`cpus:4;mem:4096`) and an SDK framework connected to the "
            + "followers first. The framework runs a `sleep 120` task, then queues a `sleep 0.3` "
            + "task every 100 ms; once more than ten were heard of, the leader gets `kill -9` "
            + "(SIGKILL). *Serves*: a surviving node's `POST /api/v1/scheduler` with `{}` "
            + "answers 400 instead of 503/307 (polled). *First offer*: the framework receives "
            + "an offer whose id carries another master's id than the killed one. Tasks are "
            + "queued for 3 s more, then the framework reconciles every second until every "
            + "queued task has ended (90 s limit). *Duplicated*: a task with two different "
            + "terminal states, two terminal updates with a uuid, or two TASK_RUNNING updates "
            + "with different uuids.\n\n")
        .append(HEADER);
    results.forEach(r -> md.append(row(r)).append('\n'));
    md.append('\n').append(summary());
    List<String> duplicates = results.stream()
        .flatMap(r -> r.duplicates().stream().map(d -> "* run " + r.run() + ", " + d + "\n"))
        .toList();
    if (!duplicates.isEmpty()) {
      md.append("\nDuplicated tasks, with every update the framework received:\n\n");
      duplicates.forEach(md::append);
    }
    return md.toString();
  }

  String summary() {
    return "| | min | median | max |\n|---|---|---|---|\n"
        + stats("kill → leader serves (ms)", RunResult::serveMillis)
        + stats("kill → first offer of the new leader (ms)", RunResult::firstOfferMillis)
        + "\nTotals over " + results.size() + " runs: "
        + sum(RunResult::submitted) + " submitted, " + sum(RunResult::launched) + " launched, "
        + sum(RunResult::finished) + " finished, " + sum(RunResult::otherTerminal)
        + " other terminal, " + sum(RunResult::duplicated) + " duplicated, "
        + sum(RunResult::unfinished) + " unfinished; long task survived in "
        + results.stream().filter(RunResult::longTaskSurvived).count() + " of "
        + results.size() + " runs; " + results.stream().filter(r -> !r.problem().isEmpty())
            .count() + " runs with a problem.\n";
  }

  private String stats(String name, ToLongFunction<RunResult> value) {
    long[] measured = results.stream().mapToLong(value).filter(v -> v >= 0).sorted().toArray();
    if (measured.length == 0) {
      return "| " + name + " | – | – | – |\n";
    }
    int n = measured.length;
    double median = n % 2 == 1 ? measured[n / 2] : (measured[n / 2 - 1] + measured[n / 2]) / 2.0;
    return "| " + name + " | " + measured[0] + " | " + Math.round(median) + " | "
        + measured[n - 1] + " |" + (n < results.size() ? " (" + n + " runs measured)" : "") + "\n";
  }

  private long sum(ToLongFunction<RunResult> value) {
    return results.stream().mapToLong(value).sum();
  }

  private static String millis(long value) {
    return value < 0 ? "–" : Long.toString(value);
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  private static String machine() {
    String cpu = "unknown cpu";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException e) {
      // Not Linux: the processor count and memory below still say something.
    }
    long memMb = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize() / (1024 * 1024);
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memMb
        + " MB RAM, Java " + Runtime.version() + ", " + System.getProperty("os.name");
  }
}
