package io.meseta.master.operator;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * Durations of a recurring operation as Mesos' {@code metrics::Timer} reports them: the last
 * value under the bare name, and {@code /count}, {@code /min}, {@code /max}, {@code /p50} ...
 * over a window of the most recent samples (Mesos keeps a bounded time series too). Also counts
 * every run since start. Touched on one verticle's context only.
 */
public final class RunTimer {
  private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9, 99.99};
  private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p95", "p99", "p999", "p9999"};

  private final String name;
  private final double[] window;
  private int filled;
  private int next;
  private long runs;
  /** Every run's duration summed, for a Prometheus timer's {@code _sum}; read from any thread. */
  private volatile long totalNanos;

  /**
   * @param name the Mesos metric name, e.g. {@code allocator/mesos/allocation_run_ms}
   * @param capacity how many recent samples the statistics cover
   */
  public RunTimer(String name, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.name = name;
    this.window = new double[capacity];
  }

  public void record(long nanos) {
    window[next] = nanos / 1_000_000.0;
    next = (next + 1) % window.length;
    filled = Math.min(filled + 1, window.length);
    runs++;
    totalNanos = totalNanos + nanos;
  }

  public double totalMillis() {
    return totalNanos / 1_000_000.0;
  }

  public long runs() {
    return runs;
  }

  /** The statistics, keyed by full metric name; only the count while nothing was recorded. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put(name + "/count", filled);
    if (filled == 0) {
      return json;
    }
    double[] sorted = Arrays.copyOf(window, filled);
    Arrays.sort(sorted);
    json.put(name, window[(next - 1 + window.length) % window.length])
        .put(name + "/min", sorted[0])
        .put(name + "/max", sorted[filled - 1]);
    for (int i = 0; i < PERCENTILES.length; i++) {
      json.put(name + "/" + PERCENTILE_NAMES[i], percentile(sorted, PERCENTILES[i]));
    }
    return json;
  }

  /** Linear interpolation between the closest ranks, as Mesos' TimeSeries statistics do. */
  private static double percentile(double[] sorted, double p) {
    double rank = p / 100.0 * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}
