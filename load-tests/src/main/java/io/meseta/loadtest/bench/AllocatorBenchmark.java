package io.meseta.loadtest.bench;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.AllocatorConfig;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full allocation run of {@link Allocator} in the shape of Mesos' {@code DeclineOffers} benchmark: agents
 * of {@code cpus:24;mem:4096;disk:4096;ports:[31000-32000]}, every framework of role "*".
 *
 * <p>Each measured operation is one {@link Allocator#allocate} in which <em>every</em> agent is dirty and is
 * offered: before each invocation (not measured) every outstanding offer is declined without a filter, which
 * returns all resources and marks all agents dirty. With {@code refusalRounds > 0}, the trial set-up first runs
 * that many rounds in which every offer is declined with a one-day filter, so during the measured runs each
 * agent carries that many refusal filters and the run must skip the refused frameworks (Mesos' benchmark
 * declines with a long filter too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AllocatorBenchmark {
  public static final String AGENT_RESOURCES = "cpus:24;mem:4096;disk:4096;ports:[31000-32000]";

  /** Agents x frameworks: Mesos' 2,000 x 200, and the 10,000 x 1,000 and 50,000 x 1,000 targets. */
  @Param({"2000x200", "10000x1000", "50000x1000"})
  public String shape;

  @Param({"0", "5"})
  public int refusalRounds;

  private final Instant now = Instant.parse("2025-01-01T00:00:00Z");
  private Allocator allocator;
  private List<Offer> outstanding = List.of();

  @Setup(Level.Trial)
  public void buildCluster() {
    String[] sizes = shape.split("x");
    int agents = Integer.parseInt(sizes[0]);
    int frameworks = Integer.parseInt(sizes[1]);
    allocator = new Allocator(AllocatorConfig.defaults(), "bench");
    Resources total = Resources.parse(AGENT_RESOURCES);
    for (int i = 0; i < agents; i++) {
      allocator.addAgent(AgentId.of(String.format("agent-%06d", i)), total, Map.of());
    }
    for (int i = 0; i < frameworks; i++) {
      allocator.addFramework(FrameworkId.of(String.format("framework-%05d", i)), "*");
    }
    outstanding = allocator.allocate(now);
    for (int round = 0; round < refusalRounds; round++) {
      declineAll(Duration.ofDays(1));
      outstanding = allocator.allocate(now);
    }
  }

  /** Every outstanding offer back, no filter: every agent is dirty for the measured run. */
  @Setup(Level.Invocation)
  public void returnAllOffers() {
    declineAll(Duration.ZERO);
  }

  @Benchmark
  public List<Offer> allocationRun() {
    outstanding = allocator.allocate(now);
    return outstanding;
  }

  /** The offers made by the last run; for checking that a run offered every agent. */
  public List<Offer> lastOffers() {
    return outstanding;
  }

  private void declineAll(Duration refuse) {
    Map<FrameworkId, List<OfferId>> byFramework = new java.util.HashMap<>();
    for (Offer offer : outstanding) {
      byFramework.computeIfAbsent(offer.frameworkId(), f -> new ArrayList<>()).add(offer.id());
    }
    byFramework.forEach((framework, ids) -> allocator.decline(framework, ids, refuse, now));
    outstanding = List.of();
  }
}
