package io.meseta.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.loadtest.fuzz.FuzzCampaign;
import io.meseta.loadtest.fuzz.FuzzOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code load-tests/run fuzz}: 200 inputs to each entry point of a real master
 * with three real agents, checked after every 100; nothing input must never cause may happen, and a
 * plain framework still runs a task to the end.
 */
class FuzzSmokeTest {

  @Test
  void twoHundredInputsPerEntryPointCauseNoServerErrorNorBrokenInvariant() throws Exception {
    FuzzOptions options = new FuzzOptions();
    options.inputs = 200;
    options.batch = 100;
    options.concurrency = 4;
    options.maxSecondsPerEntryPoint = 20;
    options.seed = 11;
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    FuzzCampaign.Result result = new FuzzCampaign(options, new PrintStream(log)).run();

    assertThat(result.tallies()).hasSize(7);
    assertThat(result.tallies()).allSatisfy(t -> assertThat(t.inputs()).isEqualTo(200));
    assertThat(result.clean()).as(result.table()).isTrue();
  }
}
