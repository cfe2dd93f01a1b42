package io.meseta.gateway.operator;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * What the Prometheus meters read: the {@code /metrics/snapshot} values and the allocator's state
 * answer from the latest scrape. Replaced whole on each scrape, before the registry is written
 * out, so every meter of one scrape sees the same cluster view; read from any thread.
 */
final class ScrapedValues {
  private volatile Map<String, Double> snapshot = Map.of();
  private volatile JsonObject allocation = new JsonObject();

  void update(Map<String, Double> snapshot, JsonObject allocation) {
    this.snapshot = snapshot;
    this.allocation = allocation;
  }

  /** A {@code /metrics/snapshot} value by its Mesos name; 0 before the first scrape. */
  double snapshot(String mesosName) {
    return snapshot.getOrDefault(mesosName, 0.0);
  }

  /** A number in the allocator's state answer, at {@code path} of nested objects. */
  double allocation(String... path) {
    JsonObject object = allocation;
    for (int i = 0; i < path.length - 1; i++) {
      object = object.getJsonObject(path[i], new JsonObject());
    }
    Object value = object.getValue(path[path.length - 1]);
    return value instanceof Number n ? n.doubleValue() : 0.0;
  }
}
