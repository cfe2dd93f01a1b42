package io.meseta.loadtest;

import io.meseta.loadtest.bench.PlacementBenchmark;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link PlacementBenchmark} (Fenzo and Meseta on the same workload, in one JMH run) and reports each
 * side's time per batch, placements per second, and the ratio Meseta / Fenzo for each Fenzo setting.
 */
@Command(name = "placement", mixinStandardHelpOptions = true,
    description = "Fenzo side by side: 10,000 hosts of 8 CPUs, batches of 200 one-CPU tasks")
public final class PlacementComparison implements Callable<Integer> {
  @Option(names = "--warmup-iterations", description = "(default ${DEFAULT-VALUE})")
  int warmupIterations = 2;

  @Option(names = "--iterations", description = "(default ${DEFAULT-VALUE})")
  int iterations = 3;

  @Option(names = "--forks", description = "0 runs in this JVM (default ${DEFAULT-VALUE})")
  int forks = 1;

  @Option(names = "--hosts", description = "(default ${DEFAULT-VALUE})")
  int hosts = 10_000;

  @Option(names = "--iteration-seconds", description = "(default ${DEFAULT-VALUE})")
  int iterationSeconds = 10;

  @Option(names = "--results-dir", description = "(default ${DEFAULT-VALUE})")
  Path resultsDir = Path.of("load-tests", "results");

  @Override
  public Integer call() throws Exception {
    JsonObject result = run();
    System.out.print(table(result));
    Files.createDirectories(resultsDir);
    Path file = resultsDir.resolve("placement-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + ".json");
    Files.writeString(file, result.encodePrettily() + "\n");
    System.out.println("result written to " + file);
    return 0;
  }

  JsonObject run() throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(PlacementBenchmark.class.getName() + "\\.")
        .warmupIterations(warmupIterations)
        .measurementIterations(iterations)
        .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(iterationSeconds))
        .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(iterationSeconds))
        .forks(forks)
        .param("hosts", Integer.toString(hosts));
    Collection<RunResult> results = new Runner(options.build()).run();
    double meseta = Double.NaN;
    JsonArray rows = new JsonArray();
    for (RunResult run : results) {
      String method = run.getParams().getBenchmark().replaceAll(".*\\.", "");
      String fitness = run.getParams().getParam("fitnessGoodEnough");
      double msPerBatch = run.getPrimaryResult().getScore();
      rows.add(new JsonObject()
          .put("placer", method.equals("fenzo") ? "fenzo (fitness good enough " + fitness + ")" : "meseta")
          .put("ms_per_batch", msPerBatch)
          .put("ms_per_batch_error", run.getPrimaryResult().getScoreError())
          .put("placements_per_second", PlacementBenchmark.BATCH * 1000.0 / msPerBatch));
      if (method.equals("meseta")) {
        meseta = msPerBatch;
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      row.put("meseta_speedup", row.getDouble("ms_per_batch") / meseta);
    }
    return new JsonObject()
        .put("benchmark", "placement")
        .put("date", LocalDateTime.now().withNano(0).toString())
        .put("hosts", hosts).put("batch", PlacementBenchmark.BATCH)
        .put("jmh", "-wi " + warmupIterations + " -i " + iterations + " -f " + forks + " -r " + iterationSeconds + "s")
        .put("results", rows);
  }

  static String table(JsonObject result) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "| %-36s | %12s | %14s | %14s |%n", "placer (" + result.getInteger("hosts") + " hosts)", "ms / batch",
        "placements/s", "Meseta speed-up"));
    for (Object o : result.getJsonArray("results")) {
      JsonObject row = (JsonObject) o;
      out.append(String.format(Locale.ROOT, "| %-36s | %12.3f | %14.0f | %14.1f |%n", row.getString("placer"),
          row.getDouble("ms_per_batch"), row.getDouble("placements_per_second"), row.getDouble("meseta_speedup")));
    }
    return out.toString();
  }
}
