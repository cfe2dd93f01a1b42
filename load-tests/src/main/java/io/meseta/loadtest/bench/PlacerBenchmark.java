package io.meseta.loadtest.bench;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.Placement;
import io.meseta.core.placement.Placer;
import io.meseta.core.placement.Scorer;
import io.meseta.core.placement.TaskShape;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@link Placer#place} of a batch of 10 tasks of {@code cpus:4;mem:4096} over {@code hosts} agents, most
 * of which reject: 40% are too small in total, 30% are big enough but busy, 30% fit. This is the shape of a
 * job-service round over a backlog, where the feasibility chain (and its rejections) dominates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlacerBenchmark {
  @Param({"1000"})
  public int hosts;

  private final Placer placer = new Placer(Scorer.BEST_FIT);
  private List<TaskShape> tasks;
  private List<Candidate> agents;

  @Setup
  public void buildCluster() {
    tasks = Collections.nCopies(10, TaskShape.of("cpus:4;mem:4096"));
    Resources small = Resources.parse("cpus:2;mem:2048;disk:4096;ports:[31000-32000]");
    Resources big = Resources.parse("cpus:16;mem:16384;disk:4096;ports:[31000-32000]");
    Resources busy = Resources.parse("cpus:1;mem:16384;disk:4096;ports:[31000-32000]");
    agents = new ArrayList<>(hosts);
    for (int i = 0; i < hosts; i++) {
      AgentId id = AgentId.of(String.format("agent-%06d", i));
      int kind = i % 10;
      Resources total = kind < 4 ? small : big;
      Resources free = kind < 4 ? small : kind < 7 ? busy : big;
      agents.add(new Candidate(id, "host-" + i, Map.of(), total, free));
    }
  }

  @Benchmark
  public Placement placeBatch() {
    return placer.place(tasks, agents, false);
  }
}
