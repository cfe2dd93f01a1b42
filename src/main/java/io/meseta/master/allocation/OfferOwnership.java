package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import java.util.List;
import java.util.Optional;

/**
 * Isolation between frameworks on DECLINE: an offer made to another framework is never touched.
 * Unknown offer ids stay ignored, as in Mesos (a decline racing a rescind is normal), but naming
 * another framework's outstanding offer is a mistake or an attack, so the whole call is refused.
 */
final class OfferOwnership {
  private OfferOwnership() {}

  /** The 403 message when one of the offers is outstanding for another framework. */
  static Optional<String> foreignOffer(Allocator allocator, FrameworkId framework,
      List<OfferId> offers) {
    for (OfferId id : offers) {
      if (allocator.offer(id).filter(o -> !o.frameworkId().equals(framework)).isPresent()) {
        return Optional.of("Offer " + id + " was not made to framework " + framework
            + ": a framework may decline only its own offers. Nothing was declined");
      }
    }
    return Optional.empty();
  }
}
