package io.meseta.loadtest.bench;

import io.meseta.core.resources.Resources;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@link Resources} arithmetic on the hot path: an agent's bag and one task's (scalars and a port range). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResourcesBenchmark {
  private Resources agent;
  private Resources task;
  private Resources agentLessTask;

  @Setup
  public void parse() {
    agent = Resources.parse("cpus:24;mem:4096;disk:4096;ports:[31000-32000]");
    task = Resources.parse("cpus:1;mem:128;disk:32;ports:[31000-31000]");
    agentLessTask = agent.minus(task);
  }

  @Benchmark
  public Resources plus() {
    return agentLessTask.plus(task);
  }

  @Benchmark
  public Resources minus() {
    return agent.minus(task);
  }

  @Benchmark
  public boolean contains() {
    return agent.contains(task);
  }

  /** Quantities only (roles ignored): what placement's feasibility check and min_allocatable ask. */
  @Benchmark
  public boolean containsQuantities() {
    return agent.containsQuantities(task);
  }

  @Benchmark
  public Resources parseText() {
    return Resources.parse("cpus:24;mem:4096;disk:4096;ports:[31000-32000]");
  }
}
