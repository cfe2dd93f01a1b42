package io.meseta.loadtest.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The markdown the {@code policies} command writes: how it was run, then one row per run. */
final class PolicyTable {
  private PolicyTable() {}

  /** @param command the command line that produced the runs, for people to repeat it */
  static String markdown(String command, long seed, int jobs, int agents, double load,
      Workload workload, List<SimResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("# Queue policies × placement scorers (simulated)\n\n");
    b.append("Command: `").append(command).append("`  \n");
    b.append("Date: ").append(LocalDate.now()).append("  \n");
    b.append("Seed: ").append(seed).append("; jobs: ").append(jobs).append("; agents: ")
        .append(agents).append("; offered cpu load: ").append(fmt(load, 2)).append("  \n");
    b.append("Machine: ").append(Runtime.getRuntime().availableProcessors())
        .append(" processors (nproc), Java ").append(System.getProperty("java.version"))
        .append("\n\n");
    long lastArrival = workload.jobs().isEmpty() ? 0
        : workload.jobs().get(workload.jobs().size() - 1).arrivalMillis();
    long tasks = workload.jobs().stream().mapToLong(j -> j.spec().gangSize()).sum();
    b.append("Workload: ").append(jobs).append(" jobs (").append(tasks)
        .append(" tasks) arriving over ").append(fmt(lastArrival / 1000.0, 0))
        .append(" simulated s. Times in simulated seconds; wait = submission to first RUNNING; ")
        .append("short = declared runtime under ").append(SimStats.SHORT_JOB_MILLIS / 1000)
        .append(" s; utilisation = held by tasks / cluster total, over the makespan, and over the ")
        .append("backlog (the time some job was pending); ")
        .append("fragmentation = share of free cpus (mem) on agents where no pending shape fits, ")
        .append("mean of samples taken every 10 s while jobs waited; preemptions = plans / tasks ")
        .append("killed (planner asked for the priority policy only).\n\n");
    b.append("| queue | scorer | finished | makespan s | mean wait s | p95 wait s | mean wait short s"
        + " | cpu util | mem util | backlog s | cpu util in backlog | frag cpus | frag mem | samples"
        + " | preemptions | rounds | wall s |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SimResult r : results) {
      b.append("| ").append(r.policy().name().toLowerCase(Locale.ROOT))
          .append(" | ").append(r.scorer().name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .append(" | ").append(r.finished()).append('/').append(r.jobs())
          .append(r.failed() > 0 ? " (" + r.failed() + " failed)" : "")
          .append(" | ").append(fmt(r.makespanSeconds(), 0))
          .append(" | ").append(fmt(r.meanWaitSeconds(), 1))
          .append(" | ").append(fmt(r.p95WaitSeconds(), 1))
          .append(" | ").append(fmt(r.meanWaitShortSeconds(), 1))
          .append(" | ").append(pct(r.cpuUtilisation()))
          .append(" | ").append(pct(r.memUtilisation()))
          .append(" | ").append(fmt(r.backlogSeconds(), 0))
          .append(" | ").append(pct(r.cpuUtilisationWhileWaiting()))
          .append(" | ").append(pct(r.fragmentedCpus()))
          .append(" | ").append(pct(r.fragmentedMem()))
          .append(" | ").append(r.fragmentationSamples())
          .append(" | ").append(r.preemptionPlans()).append(" / ").append(r.preemptedTasks())
          .append(" | ").append(r.rounds())
          .append(" | ").append(fmt(r.wallMillis() / 1000.0, 1))
          .append(" |\n");
    }
    return b.toString();
  }

  private static String fmt(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
