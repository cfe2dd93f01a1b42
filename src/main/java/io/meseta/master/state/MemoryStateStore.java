package io.meseta.master.state;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-node store: maps in memory, so state lives as long as the master process. Methods
 * are synchronized because readers (any gateway) and the leader's writers run on different
 * event loops; each call is short.
 */
public final class MemoryStateStore implements StateStore {
  private final Map<String, Map<String, JsonObject>> maps = new HashMap<>();
  private long newestEpoch = Long.MIN_VALUE;

  @Override
  public synchronized Future<Void> write(String map, long epoch, Map<String, JsonObject> puts,
      Iterable<String> removes) {
    if (epoch < newestEpoch) {
      return Future.failedFuture(new StaleEpochException(epoch, newestEpoch));
    }
    newestEpoch = epoch;
    Map<String, JsonObject> target = maps.computeIfAbsent(map, m -> new LinkedHashMap<>());
    puts.forEach((key, value) -> target.put(key, value.copy()));
    removes.forEach(target::remove);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Map<String, JsonObject>> entries(String map) {
    Map<String, JsonObject> copy = new LinkedHashMap<>();
    maps.getOrDefault(map, Map.of()).forEach((k, v) -> copy.put(k, v.copy()));
    return Future.succeededFuture(copy);
  }
}
