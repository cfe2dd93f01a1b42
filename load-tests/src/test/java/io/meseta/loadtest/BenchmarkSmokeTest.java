package io.meseta.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.loadtest.bench.AllocatorBenchmark;
import io.meseta.loadtest.bench.CodecBenchmark;
import io.meseta.loadtest.bench.PlacementBenchmark;
import io.meseta.loadtest.bench.PlacerBenchmark;
import io.meseta.loadtest.bench.ResourcesBenchmark;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the JMH benchmarks working: their fixtures build and each benchmark method runs one short iteration
 * in this JVM at a small size. The numbers are meaningless here and not looked at.
 */
class BenchmarkSmokeTest {

  @Test
  void allocationRunOffersEveryAgent() {
    AllocatorBenchmark bench = new AllocatorBenchmark();
    bench.shape = "200x20";
    bench.refusalRounds = 3;
    bench.buildCluster();
    bench.returnAllOffers();
    assertThat(bench.allocationRun()).hasSize(200);
    bench.returnAllOffers();
    assertThat(bench.allocationRun()).hasSize(200);
  }

  @Test
  void codecFixtureHoldsTenOffers() {
    CodecBenchmark bench = new CodecBenchmark();
    bench.build();
    assertThat(bench.decodeOffers().getOffers().getOffersCount()).isEqualTo(10);
    assertThat(bench.decodeUpdate().getUpdate().getStatus().getUuid().size()).isEqualTo(16);
    assertThat(bench.encodeOffers()).isEqualTo(bench.offersJson());
  }

  @Test
  void everyBenchmarkRunsOneTinyIteration() throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(AllocatorBenchmark.class.getName() + "\\.")
        .include(ResourcesBenchmark.class.getName() + "\\.")
        .include(CodecBenchmark.class.getName() + "\\.")
        .include(PlacementBenchmark.class.getName() + "\\.")
        .include(PlacerBenchmark.class.getName() + "\\.")
        .param("shape", "100x10")
        .param("refusalRounds", "1")
        .param("hosts", "50")
        .param("fitnessGoodEnough", "0.1")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(50))
        .shouldFailOnError(true)
        .build()).run();
    // allocationRun; plus, minus, contains, containsQuantities, parseText; six codec methods; fenzo and
    // meseta; placeBatch.
    assertThat(results).hasSize(1 + 5 + 6 + 2 + 1);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }
}
