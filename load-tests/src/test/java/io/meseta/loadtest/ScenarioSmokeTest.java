package io.meseta.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the harness working: each scenario at a tiny size (20 agents, 2 frameworks, a 3 s window) against a
 * master in this JVM must turn tasks over and write its JSON. Not a benchmark: nothing here is timed.
 */
class ScenarioSmokeTest {

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void aTinyRunFinishesTasksAndWritesItsResult(Scenario scenario, @TempDir Path results) throws Exception {
    ScenarioOptions options = new ScenarioOptions();
    options.agents = 20;
    options.frameworks = 2;
    options.seconds = 3;
    options.warmupSeconds = 1;
    options.resultsDir = results;
    options.connectTimeoutMillis = 30_000;
    // Short tasks even in scale, so that a 3 s window sees some finish; churn replaces 2 agents a second.
    options.taskMillis = 200L;
    options.churnAgentsPerSecond = 2;
    options.churnFrameworkEverySeconds = 1;

    ScenarioResult result = new ScenarioRunner(scenario, options, new PrintStream(new ByteArrayOutputStream()))
        .run();
    Path file = result.write(results);

    assertThat(result.tasksFinished()).as("tasks finished in the %s window", scenario).isPositive();
    assertThat(file).startsWith(results).exists();
    JsonObject written = new JsonObject(Files.readString(file));
    assertThat(written.getString("scenario")).isEqualTo(scenario.label());
    assertThat(written.getInteger("agents_registered")).isEqualTo(20);
    assertThat(written.getJsonObject("accept_to_running_ms").getLong("count")).isPositive();
    assertThat(result.table()).contains("tasks FINISHED/s");
    try (Stream<Path> files = Files.list(results)) {
      assertThat(files.count()).isEqualTo(1);
    }
  }
}
