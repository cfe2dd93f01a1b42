package io.meseta.loadtest.failover;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.Offer;

/**
 * Notes when a framework first hears from a new leader: offer ids start with the offering
 * master's id ({@code <master id>-O<n>}), so once {@link #leaderGone()} was called, an offer whose
 * prefix differs from the deposed leader's comes from its successor.
 */
final class SuccessorOffers implements Consumer<List<Offer>> {
  private volatile String lastPrefix = "";
  private volatile String deposedPrefix;
  private final AtomicLong firstNanos = new AtomicLong();

  /** The leader is about to be killed: the offers seen so far are its own. */
  void leaderGone() {
    deposedPrefix = lastPrefix;
  }

  /** {@link System#nanoTime()} of the first offer from a successor, 0 until one arrived. */
  long firstOfferNanos() {
    return firstNanos.get();
  }

  @Override
  public void accept(List<Offer> offers) {
    long now = System.nanoTime();
    for (Offer offer : offers) {
      String id = offer.getId().getValue();
      int cut = id.lastIndexOf("-O");
      lastPrefix = cut < 0 ? id : id.substring(0, cut);
      String deposed = deposedPrefix;
      if (deposed != null && !deposed.equals(lastPrefix)) {
        firstNanos.compareAndSet(0, now);
      }
    }
  }
}
