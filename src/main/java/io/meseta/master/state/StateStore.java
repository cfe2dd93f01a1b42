package io.meseta.master.state;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Durable master state, as named maps of JSON documents (e.g. {@code weights}, {@code quotas},
 * {@code agents}). Every write is fenced by the writer's leader epoch.
 */
public interface StateStore {
  /** Map names in use; one constant each so writers and readers agree. */
  String WEIGHTS = "weights";
  String QUOTAS = "quotas";
  /** Frameworks by id: the FrameworkInfo they subscribed with, so a new leader knows them. */
  String FRAMEWORKS = "frameworks";
  /** Agents by id: identity and capacity, so a new leader waits for them to re-register. */
  String AGENTS = "agents";
  /** Unfinished tasks by framework and task id, with their latest state. */
  String TASKS = "tasks";

  /**
   * Writes a batch into one map: {@code puts} are stored, keys in {@code removes} deleted.
   * Fails with {@link StaleEpochException} when {@code epoch} is older than the newest seen.
   */
  Future<Void> write(String map, long epoch, Map<String, JsonObject> puts, Iterable<String> removes);

  default Future<Void> put(String map, long epoch, String key, JsonObject value) {
    return write(map, epoch, Map.of(key, value), java.util.List.of());
  }

  default Future<Void> remove(String map, long epoch, String key) {
    return write(map, epoch, Map.of(), java.util.List.of(key));
  }

  /** Everything in one map, as a copy. */
  Future<Map<String, JsonObject>> entries(String map);

  /** The write was refused: a newer leader has written since this one was elected. */
  final class StaleEpochException extends IllegalStateException {
    public StaleEpochException(long epoch, long newest) {
      super("write with leader epoch " + epoch + " refused: epoch " + newest
          + " has written since; this node is no longer the leader");
    }
  }
}
