package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.OfferId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mesos' {@code --offer_timeout}: an offer not answered in time is rescinded and its resources
 * go back without a refusal filter, so a framework that hoards offers cannot lock agents.
 */
final class OfferTimeouts {
  private final Duration timeout;
  private final Map<OfferId, Instant> madeAt = new HashMap<>();

  OfferTimeouts(Duration timeout) {
    this.timeout = timeout;
  }

  boolean enabled() {
    return !timeout.isZero();
  }

  void made(List<Offer> offers, Instant now) {
    if (enabled()) {
      offers.forEach(o -> madeAt.put(o.id(), now));
    }
  }

  /** Rescinds the offers older than the timeout; forgets those already answered. */
  List<Offer> expire(Allocator allocator, Instant now) {
    List<Offer> rescinded = new ArrayList<>();
    if (!enabled()) {
      return rescinded;
    }
    Instant cutoff = now.minus(timeout);
    madeAt.entrySet().removeIf(entry -> {
      if (allocator.offer(entry.getKey()).isEmpty()) {
        return true; // accepted, declined or rescinded already
      }
      if (entry.getValue().isAfter(cutoff)) {
        return false;
      }
      rescinded.addAll(allocator.rescind(entry.getKey()));
      return true;
    });
    return rescinded;
  }
}
