package io.meseta.master.state;

import io.vertx.core.Vertx;

/**
 * One node's term as leader: the store its services write through, the epoch (fencing token)
 * stamped on every write, and what to do when a write reveals that a newer leader exists.
 */
public record LeaderTerm(StateStore store, long epoch, Runnable onDeposed) {
  /** A single node's term: it is the only leader there will ever be, so it is never deposed. */
  public static LeaderTerm only(StateStore store, long epoch) {
    return new LeaderTerm(store, epoch, () -> { });
  }

  public StateWriter writer(Vertx vertx) {
    return new StateWriter(vertx, store, epoch, onDeposed);
  }
}
