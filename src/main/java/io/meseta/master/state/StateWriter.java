package io.meseta.master.state;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind for one leader service: changes are collected per map and key (the newest wins)
 * and written as one batch per map every {@link #FLUSH_MILLIS}, so a burst of task updates
 * costs one store round trip, not one per task. Documents are built at flush time from a
 * supplier, so a task that changes ten times between flushes is serialised once.
 *
 * <p>Owned by one verticle: call it from that verticle's context only. A write refused for a
 * stale epoch means another node leads now; {@code onDeposed} runs once and the writer stops.
 */
public final class StateWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);
  /** Long enough to batch a burst, short enough that a crash loses little unwritten state. */
  public static final long FLUSH_MILLIS = 20;

  private final Vertx vertx;
  private final StateStore store;
  private final long epoch;
  private final Runnable onDeposed;
  private final Map<String, Map<String, Supplier<JsonObject>>> puts = new HashMap<>();
  private final Map<String, Set<String>> removes = new HashMap<>();
  private boolean scheduled;
  private boolean deposed;

  public StateWriter(Vertx vertx, StateStore store, long epoch, Runnable onDeposed) {
    this.vertx = vertx;
    this.store = store;
    this.epoch = epoch;
    this.onDeposed = onDeposed;
  }

  /** Stores {@code document.get()} under {@code key} at the next flush. */
  public void put(String map, String key, Supplier<JsonObject> document) {
    Set<String> removed = removes.get(map);
    if (removed != null) {
      removed.remove(key);
    }
    puts.computeIfAbsent(map, m -> new LinkedHashMap<>()).put(key, document);
    schedule();
  }

  public void remove(String map, String key) {
    Map<String, Supplier<JsonObject>> pending = puts.get(map);
    if (pending != null) {
      pending.remove(key);
    }
    removes.computeIfAbsent(map, m -> new LinkedHashSet<>()).add(key);
    schedule();
  }

  private void schedule() {
    if (!scheduled && !deposed) {
      scheduled = true;
      vertx.setTimer(FLUSH_MILLIS, t -> flush());
    }
  }

  /** Writes everything pending now, one batch per map. */
  public void flush() {
    scheduled = false;
    Set<String> maps = new LinkedHashSet<>(puts.keySet());
    maps.addAll(removes.keySet());
    for (String map : maps) {
      Map<String, JsonObject> documents = new LinkedHashMap<>();
      puts.getOrDefault(map, Map.of()).forEach((key, doc) -> documents.put(key, doc.get()));
      Set<String> gone = removes.getOrDefault(map, Set.of());
      if (documents.isEmpty() && gone.isEmpty()) {
        continue;
      }
      store.write(map, epoch, documents, Set.copyOf(gone)).onFailure(this::failed);
    }
    puts.clear();
    removes.clear();
  }

  private void failed(Throwable e) {
    if (e instanceof StateStore.StaleEpochException && !deposed) {
      deposed = true;
      LOG.error("State write refused, this node no longer leads: {}", e.getMessage());
      onDeposed.run();
    } else if (!deposed) {
      LOG.warn("State write failed: {}", e.toString());
    }
  }
}
