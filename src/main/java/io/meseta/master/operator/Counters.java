package io.meseta.master.operator;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Monotonic counters since process start, keyed by their Mesos metric name
 * ({@code master/tasks_finished}). A verticle increments them on its own context; they are
 * thread-safe to read so that a Micrometer {@code FunctionCounter} can later poll {@link #value}
 * from any thread without a round trip through the event bus.
 */
public final class Counters {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  public void increment(String name) {
    counters.computeIfAbsent(name, n -> new LongAdder()).increment();
  }

  public void add(String name, long amount) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(amount);
  }

  /** Declares a counter so it is reported as 0 before its first increment. */
  public Counters declare(String... names) {
    for (String name : names) {
      counters.computeIfAbsent(name, n -> new LongAdder());
    }
    return this;
  }

  public long value(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  /** The counters as a JSON object, names sorted. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    new TreeMap<>(counters).forEach((name, adder) -> json.put(name, adder.sum()));
    return json;
  }
}
