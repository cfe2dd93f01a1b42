package io.meseta.master.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.meseta.master.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@link StateStore} of a cluster: one Hazelcast IMap per store map ({@code meseta.<map>},
 * backed up on another node by {@code conf/hazelcast.yaml}), values as JSON text.
 *
 * <p>Fencing: the newest leader epoch lives in {@value #META_MAP}. A write holds that entry's lock
 * while it compares epochs and applies its batch, and {@link #claim} takes the same lock, so
 * once a new leader has claimed its epoch no batch of an older epoch can land, not even one that
 * was checked just before the claim. A refused batch writes nothing. The batch itself goes out as
 * one {@code putAll} and concurrent async removes: a handful of round trips per batch whatever its
 * size, instead of a locking round trip per key as a Hazelcast transaction would cost.
 *
 * <p>Calls block on the network, so they run as ordered blocking tasks of the caller's context:
 * one writer's batches land in the order it wrote them, and no event loop waits.
 */
public final class HazelcastStateStore implements StateStore {
  /** Holds the newest leader epoch, under {@link #EPOCH_KEY}. */
  public static final String META_MAP = "meseta.store-epoch";
  private static final String EPOCH_KEY = "epoch";
  /** A writer that dies holding the epoch lock frees it after this, at the latest. */
  private static final long LOCK_LEASE_SECONDS = 10;

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final IMap<String, Long> meta;
  private final BooleanSupplier leaseValid;

  /**
   * @param leaseValid asked before each write and claim; when false the write is refused without
   *     a network call (e.g. {@link LeaderElection#leaseValid()}: a paused leader must not write)
   */
  public HazelcastStateStore(Vertx vertx, HazelcastInstance hazelcast, BooleanSupplier leaseValid) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.meta = hazelcast.getMap(META_MAP);
    this.leaseValid = leaseValid;
  }

  /**
   * Makes {@code epoch} the newest: from now on writes with an older epoch are refused. A new
   * leader calls it right after its election, before it loads the state, so that the deposed
   * leader cannot change the state it is loading. Fails with {@link StaleEpochException} when a
   * newer epoch has already claimed.
   */
  public Future<Void> claim(long epoch) {
    return blocking(() -> {
      requireLease(epoch);
      withEpochLock(() -> advance(epoch));
      return null;
    });
  }

  /** The newest epoch claimed or written (0 when none). */
  public Future<Long> newestEpoch() {
    return blocking(() -> {
      Long newest = meta.get(EPOCH_KEY);
      return newest == null ? 0L : newest;
    });
  }

  @Override
  public Future<Void> write(String map, long epoch, Map<String, JsonObject> puts,
      Iterable<String> removes) {
    // Encoded now, on the caller's thread: the caller may change its objects after the call.
    Map<String, String> encoded = new HashMap<>();
    puts.forEach((key, value) -> encoded.put(key, value.encode()));
    List<String> removed = new ArrayList<>();
    removes.forEach(removed::add);
    removed.forEach(encoded::remove); // as in MemoryStateStore: a key put and removed is gone
    return blocking(() -> {
      requireLease(epoch);
      withEpochLock(() -> {
        advance(epoch);
        apply(imap(map), encoded, removed);
      });
      return null;
    });
  }

  @Override
  public Future<Map<String, JsonObject>> entries(String map) {
    return blocking(() -> {
      Map<String, JsonObject> copy = new LinkedHashMap<>();
      new TreeMap<>(imap(map)).forEach((key, value) -> copy.put(key, new JsonObject(value)));
      return copy;
    });
  }

  private IMap<String, String> imap(String map) {
    return hazelcast.getMap("meseta." + map);
  }

  private void requireLease(long epoch) {
    if (!leaseValid.getAsBoolean()) {
      throw new StaleLeaseException(epoch);
    }
  }

  private void withEpochLock(Runnable action) {
    meta.lock(EPOCH_KEY, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
    try {
      action.run();
    } finally {
      meta.unlock(EPOCH_KEY);
    }
  }

  /** Under the epoch lock: refuses an older epoch, records a newer one. */
  private void advance(long epoch) {
    Long newest = meta.get(EPOCH_KEY);
    if (newest != null && epoch < newest) {
      throw new StaleEpochException(epoch, newest);
    }
    if (newest == null || epoch > newest) {
      meta.set(EPOCH_KEY, epoch);
    }
  }

  private static void apply(IMap<String, String> target, Map<String, String> puts,
      List<String> removes) {
    List<CompletableFuture<?>> pending = new ArrayList<>();
    if (!puts.isEmpty()) {
      pending.add(target.putAllAsync(puts).toCompletableFuture());
    }
    for (String key : removes) {
      pending.add(target.removeAsync(key).toCompletableFuture());
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(() -> {
      try {
        return work.call();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }, true);
  }

  /** The writer's leader lease has lapsed: it may have been deposed, so it must not write. */
  public static final class StaleLeaseException extends IllegalStateException {
    public StaleLeaseException(long epoch) {
      super("write with leader epoch " + epoch + " refused: this node's leader lease has lapsed"
          + " (it could not confirm its leadership in time); it steps down and a leader re-elected"
          + " with a new epoch writes instead");
    }
  }
}
