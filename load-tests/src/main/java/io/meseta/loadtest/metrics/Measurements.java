package io.meseta.loadtest.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything a scenario counts, shared by every simulated agent and framework. Recording is wait-free from any
 * thread (HdrHistogram {@link Recorder}s, {@link LongAdder}s). {@link #reset} starts the measured window after
 * the warm-up; latencies are recorded in microseconds.
 */
public final class Measurements {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  public final LongAdder tasksLaunched = new LongAdder();
  public final LongAdder tasksRunning = new LongAdder();
  public final LongAdder tasksFinished = new LongAdder();
  public final LongAdder tasksOtherTerminal = new LongAdder();
  public final LongAdder offersReceived = new LongAdder();
  public final LongAdder offersDeclined = new LongAdder();
  public final LongAdder statusRetries = new LongAdder();
  public final LongAdder pingsAnswered = new LongAdder();
  public final LongAdder agentsRegistered = new LongAdder();
  public final LongAdder agentDisconnects = new LongAdder();
  public final LongAdder frameworksSubscribed = new LongAdder();
  public final LongAdder errorsFromMaster = new LongAdder();

  private final Recorder offerLatency = recorder();
  private final Recorder acceptToRunning = recorder();
  private final Recorder registration = recorder();
  private final Recorder subscription = recorder();
  private volatile long windowStartNanos = System.nanoTime();

  private static Recorder recorder() {
    return new Recorder(MAX_MICROS, 3);
  }

  /** Resources freed on an agent (its terminal update sent) → the next offer of that agent received. */
  public void offerLatency(long nanos) {
    offerLatency.recordValue(clamp(nanos));
  }

  /** ACCEPT written by the framework → TASK_RUNNING update of that task received by it. */
  public void acceptToRunning(long nanos) {
    acceptToRunning.recordValue(clamp(nanos));
  }

  /** REGISTER written → REGISTERED received. */
  public void registration(long nanos) {
    registration.recordValue(clamp(nanos));
  }

  /** SUBSCRIBE written → SUBSCRIBED received. */
  public void subscription(long nanos) {
    subscription.recordValue(clamp(nanos));
  }

  /**
   * Drops what was recorded so far (the warm-up) and starts the measured window now. Registration and
   * subscription latencies are kept: most of them happen before the window, while the cluster is built.
   */
  public void reset() {
    for (LongAdder counter : new LongAdder[] {tasksLaunched, tasksRunning, tasksFinished, tasksOtherTerminal,
        offersReceived, offersDeclined, statusRetries, pingsAnswered, agentDisconnects, errorsFromMaster}) {
      counter.reset();
    }
    offerLatency.reset();
    acceptToRunning.reset();
    windowStartNanos = System.nanoTime();
  }

  public long windowStartNanos() {
    return windowStartNanos;
  }

  /** The histograms of the window so far; each call drains them, so call once at the end. */
  public Snapshot drain() {
    return new Snapshot(offerLatency.getIntervalHistogram(), acceptToRunning.getIntervalHistogram(),
        registration.getIntervalHistogram(), subscription.getIntervalHistogram());
  }

  public record Snapshot(Histogram offerLatency, Histogram acceptToRunning, Histogram registration,
      Histogram subscription) {}

  private static long clamp(long nanos) {
    return Math.min(MAX_MICROS, Math.max(0, nanos / 1000));
  }
}
