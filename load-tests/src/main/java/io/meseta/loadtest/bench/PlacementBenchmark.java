package io.meseta.loadtest.bench;

import io.meseta.core.resources.Resources;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fenzo and Meseta placing the same workload, side by side in one run: 10,000 hosts ({@code -p hosts=N}) of 8 CPUs and
 * 8,000 MB, batches of {@value #BATCH} tasks of 1 CPU and 1,000 MB (Fenzo's TestLotsOfTasks shape, with
 * single-core tasks only and no ports). Each invocation starts from a fresh, empty cluster (built outside the
 * measurement) and places {@value #BATCHES_PER_INVOCATION} batches; the score is the time per batch, so
 * placements per second = {@value #BATCH} / score.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlacementBenchmark {
  public static final int BATCH = 200;
  public static final int BATCHES_PER_INVOCATION = 10;
  static final double CPUS_PER_HOST = 8;
  static final double MEMORY_PER_HOST = 8_000;
  static final double TASK_CPUS = 1;
  static final double TASK_MEMORY = 1_000;

  /** Fenzo's cluster; {@code fitnessGoodEnough} is TestLotsOfTasks' knob (0.1: its 56 ms row, 1.0: 246 ms). */
  @State(Scope.Thread)
  public static class FenzoCluster {
    @Param({"0.1", "1.0"})
    public double fitnessGoodEnough;

    @Param({"10000"})
    public int hosts;

    FenzoWorkload workload;

    @Setup(Level.Invocation)
    public void freshCluster() {
      workload = new FenzoWorkload(hosts, CPUS_PER_HOST, MEMORY_PER_HOST, fitnessGoodEnough);
      // Fenzo takes in the leases on its first scheduling pass; TestLotsOfTasks leaves that pass untimed too.
      workload.placeBatch(1, TASK_CPUS, TASK_MEMORY);
    }
  }

  /** Meseta's cluster: every host already offered to the one framework. */
  @State(Scope.Thread)
  public static class MesetaCluster {
    @Param({"10000"})
    public int hosts;

    MesetaWorkload workload;
    final Resources task = Resources.parse("cpus:" + TASK_CPUS + ";mem:" + TASK_MEMORY);

    @Setup(Level.Invocation)
    public void freshCluster() {
      workload = new MesetaWorkload(hosts,
          Resources.parse("cpus:" + CPUS_PER_HOST + ";mem:" + MEMORY_PER_HOST));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCHES_PER_INVOCATION)
  public int fenzo(FenzoCluster cluster) {
    int placed = 0;
    for (int i = 0; i < BATCHES_PER_INVOCATION; i++) {
      placed += cluster.workload.placeBatch(BATCH, TASK_CPUS, TASK_MEMORY);
    }
    return placed;
  }

  @Benchmark
  @OperationsPerInvocation(BATCHES_PER_INVOCATION)
  public int meseta(MesetaCluster cluster) {
    int placed = 0;
    for (int i = 0; i < BATCHES_PER_INVOCATION; i++) {
      placed += cluster.workload.placeBatch(BATCH, cluster.task);
    }
    return placed;
  }
}
