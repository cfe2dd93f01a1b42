package io.meseta.loadtest.policy;

import io.meseta.core.placement.Fragmentation;
import io.meseta.core.placement.Scorer;
import io.meseta.jobs.QueuePolicy;
import java.util.Arrays;

/** Accumulates one run's measures as the simulated clock advances. */
final class SimStats {
  /** Jobs declared shorter than this count as short, to show what SJF buys them. */
  static final long SHORT_JOB_MILLIS = 60_000;

  private final double clusterCpus;
  private final double clusterMem;
  private final double[] waits;
  private final boolean[] shortJob;
  private int waited;
  private long lastMillis;
  private double usedCpus;
  private double usedMem;
  private double cpuArea;
  private double memArea;
  private double backlogCpuArea;
  private long backlogMillis;
  private double fragCpusSum;
  private double fragMemSum;
  private int fragSamples;
  int preemptionPlans;
  int preemptedTasks;
  long rounds;

  SimStats(int jobs, double clusterCpus, double clusterMem) {
    this.clusterCpus = clusterCpus;
    this.clusterMem = clusterMem;
    this.waits = new double[jobs];
    this.shortJob = new boolean[jobs];
    Arrays.fill(waits, Double.NaN);
  }

  /**
   * Integrates what tasks held up to {@code nowMillis}; call before every change of it.
   * {@code backlog}: jobs were pending since the last call (the time counts toward utilisation
   * while jobs wait, where an idle cpu is a cpu that placement could not use).
   */
  void advance(long nowMillis, boolean backlog) {
    long dt = nowMillis - lastMillis;
    cpuArea += usedCpus * dt;
    memArea += usedMem * dt;
    if (backlog) {
      backlogCpuArea += usedCpus * dt;
      backlogMillis += dt;
    }
    lastMillis = nowMillis;
  }

  void taskStarted(double cpus, double mem) {
    usedCpus += cpus;
    usedMem += mem;
  }

  void taskEnded(double cpus, double mem) {
    usedCpus -= cpus;
    usedMem -= mem;
  }

  /** The first start of job number {@code index} (retries after preemption do not count again). */
  void started(int index, long waitMillis, boolean declaredShort) {
    if (Double.isNaN(waits[index])) {
      waits[index] = waitMillis / 1000.0;
      shortJob[index] = declaredShort;
      waited++;
    }
  }

  void fragmentation(Fragmentation f) {
    fragCpusSum += f.fragmentedShare().getOrDefault("cpus", 0.0);
    fragMemSum += f.fragmentedShare().getOrDefault("mem", 0.0);
    fragSamples++;
  }

  SimResult result(QueuePolicy policy, Scorer scorer, int finished, int failed, long makespanMillis,
      long wallMillis) {
    double[] sorted = Arrays.stream(waits).filter(w -> !Double.isNaN(w)).sorted().toArray();
    double mean = Arrays.stream(sorted).average().orElse(0);
    double p95 = sorted.length == 0 ? 0 : sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    double shortSum = 0;
    int shortCount = 0;
    for (int i = 0; i < waits.length; i++) {
      if (shortJob[i] && !Double.isNaN(waits[i])) {
        shortSum += waits[i];
        shortCount++;
      }
    }
    double span = Math.max(1, makespanMillis);
    return new SimResult(policy, scorer, waits.length, finished, failed, makespanMillis / 1000.0,
        mean, p95, shortCount == 0 ? 0 : shortSum / shortCount,
        cpuArea / (clusterCpus * span), memArea / (clusterMem * span),
        backlogMillis == 0 ? 0 : backlogCpuArea / (clusterCpus * backlogMillis), backlogMillis / 1000.0,
        fragSamples == 0 ? 0 : fragCpusSum / fragSamples,
        fragSamples == 0 ? 0 : fragMemSum / fragSamples, fragSamples,
        preemptionPlans, preemptedTasks, rounds, wallMillis);
  }

  int waited() {
    return waited;
  }
}
