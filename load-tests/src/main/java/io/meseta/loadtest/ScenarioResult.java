package io.meseta.loadtest;

import io.meseta.loadtest.metrics.MasterSampler;
import io.meseta.loadtest.metrics.Measurements;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** What one scenario run measured: printed as a table and written as JSON. */
public final class ScenarioResult {
  private final JsonObject json;

  ScenarioResult(Scenario scenario, ScenarioOptions options, boolean masterInJvm, int agentsRegistered,
      double windowSeconds, Measurements m, Measurements.Snapshot histograms, MasterSampler.Usage usage) {
    json = new JsonObject()
        .put("scenario", scenario.label())
        .put("date", LocalDateTime.now().withNano(0).toString())
        .put("machine", new JsonObject().put("cores", usage.cores())
            .put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20)
            .put("load_average_at_end", loadAverage()))
        .put("master", masterInJvm ? "in-JVM (shares the JVM and the cores with the load generator)"
            : options.master)
        .put("agents", options.agents).put("agents_registered", agentsRegistered)
        .put("frameworks", options.frameworks)
        .put("agent_resources", options.agentResources).put("task_resources", options.taskResources)
        .put("task_millis", options.taskMillis(scenario))
        .put("warmup_seconds", options.warmupSeconds()).put("window_seconds", round(windowSeconds))
        .put("tasks_launched", m.tasksLaunched.sum())
        .put("tasks_running", m.tasksRunning.sum())
        .put("tasks_finished", m.tasksFinished.sum())
        .put("tasks_other_terminal", m.tasksOtherTerminal.sum())
        .put("launched_per_second", round(m.tasksLaunched.sum() / windowSeconds))
        .put("running_per_second", round(m.tasksRunning.sum() / windowSeconds))
        .put("finished_per_second", round(m.tasksFinished.sum() / windowSeconds))
        .put("offers_received", m.offersReceived.sum()).put("offers_declined", m.offersDeclined.sum())
        .put("offer_latency_ms", latency(histograms.offerLatency()))
        .put("accept_to_running_ms", latency(histograms.acceptToRunning()))
        .put("registration_ms", latency(histograms.registration()))
        .put("subscription_ms", latency(histograms.subscription()))
        .put("allocation_run_ms", "not observable: the master exports no allocation timer yet;"
            + " see AllocatorBenchmark for the core's run time")
        .put("pings_answered", m.pingsAnswered.sum())
        .put("status_retries", m.statusRetries.sum())
        .put("agent_disconnects", m.agentDisconnects.sum())
        .put("errors_from_master", m.errorsFromMaster.sum())
        .put("master_cpu_percent", round(usage.masterCpuPercent()))
        .put("jvm_cpu_percent", round(usage.generatorJvmCpuPercent()))
        .put("jvm_heap_after_gc_mb", usage.jvmHeapAfterGcBytes() >> 20)
        .put("master_resident_mb", usage.masterResidentBytes() < 0 ? null : usage.masterResidentBytes() >> 20);
  }

  public JsonObject json() {
    return json;
  }

  public long tasksFinished() {
    return json.getLong("tasks_finished");
  }

  /** Writes {@code <scenario>-<timestamp>.json} into {@code dir}; returns the file. */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    Path file = dir.resolve(json.getString("scenario") + "-" + stamp + ".json");
    Files.writeString(file, json.encodePrettily() + "\n");
    return file;
  }

  /** A two-column table of the headline numbers. */
  public String table() {
    StringBuilder out = new StringBuilder();
    row(out, "scenario", json.getString("scenario") + (json.getString("master").startsWith("in-JVM")
        ? " (master in this JVM)" : " (master " + json.getString("master") + ")"));
    row(out, "agents registered / frameworks", json.getInteger("agents_registered") + " / "
        + json.getInteger("frameworks"));
    row(out, "window (s)", json.getValue("window_seconds"));
    row(out, "tasks launched/s", json.getValue("launched_per_second"));
    row(out, "tasks RUNNING/s", json.getValue("running_per_second"));
    row(out, "tasks FINISHED/s", json.getValue("finished_per_second"));
    row(out, "tasks FINISHED / other terminal", json.getLong("tasks_finished") + " / "
        + json.getLong("tasks_other_terminal"));
    row(out, "offer latency ms p50/p99/p99.9 (n)", percentiles(json.getJsonObject("offer_latency_ms")));
    row(out, "accept->RUNNING ms p50/p99/p99.9 (n)", percentiles(json.getJsonObject("accept_to_running_ms")));
    row(out, "registration ms p50/p99/p99.9 (n)", percentiles(json.getJsonObject("registration_ms")));
    row(out, "subscription ms p50/p99/p99.9 (n)", percentiles(json.getJsonObject("subscription_ms")));
    row(out, "allocation run", "not observable (no master metric); see AllocatorBenchmark");
    row(out, "master CPU % of one core", json.getValue("master_cpu_percent"));
    row(out, "whole JVM CPU % of one core", json.getValue("jvm_cpu_percent"));
    row(out, "JVM heap after GC (MB)", json.getValue("jvm_heap_after_gc_mb"));
    row(out, "machine load average (1/5/15 min) at end", json.getJsonObject("machine").getValue("load_average_at_end"));
    row(out, "pings answered / retries / disconnects / errors", json.getLong("pings_answered") + " / "
        + json.getLong("status_retries") + " / " + json.getLong("agent_disconnects") + " / "
        + json.getLong("errors_from_master"));
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Object value) {
    out.append(String.format(Locale.ROOT, "| %-48s | %-40s |%n", name, value));
  }

  private static String percentiles(JsonObject l) {
    return l.getLong("count") == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f (%d)",
        l.getDouble("p50"), l.getDouble("p99"), l.getDouble("p99_9"), l.getLong("count"));
  }

  /** Other processes on this 2-core machine (parallel builds) skew every number; the result says how busy it was. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static JsonObject latency(Histogram h) {
    return new JsonObject()
        .put("count", h.getTotalCount())
        .put("p50", millis(h.getValueAtPercentile(50)))
        .put("p99", millis(h.getValueAtPercentile(99)))
        .put("p99_9", millis(h.getValueAtPercentile(99.9)))
        .put("max", millis(h.getMaxValue()))
        .put("mean", round(h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0));
  }

  private static double millis(long micros) {
    return round(micros / 1000.0);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
