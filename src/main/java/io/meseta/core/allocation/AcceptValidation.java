package io.meseta.core.allocation;

import io.meseta.core.allocation.AcceptResult.Rejected;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The offer checks of Mesos' ACCEPT validation, in Mesos' order; the first failure is the one reported,
 * with a message that says what to do about it.
 */
final class AcceptValidation {

  private AcceptValidation() {}

  static Optional<Rejected> check(FrameworkId framework, List<OfferId> offerIds, Function<OfferId, Optional<Offer>> lookup) {
    if (offerIds.isEmpty()) {
      return reject(RejectReason.NO_OFFERS, "ACCEPT lists no offer ids; name the offers whose resources to use");
    }
    Set<OfferId> seen = new HashSet<>();
    for (OfferId id : offerIds) {
      if (!seen.add(id)) {
        return reject(RejectReason.DUPLICATE_OFFER, "offer " + id + " is listed more than once; list each offer once");
      }
    }
    // Separate passes, as Mesos runs separate validators: an unknown offer anywhere outranks a foreign one.
    List<Offer> offers = new ArrayList<>();
    for (OfferId id : offerIds) {
      Optional<Offer> offer = lookup.apply(id);
      if (offer.isEmpty()) {
        return reject(RejectReason.UNKNOWN_OFFER, "offer " + id
            + " is not outstanding (already used, declined, rescinded or never made); wait for a new offer");
      }
      offers.add(offer.get());
    }
    for (Offer offer : offers) {
      if (!offer.frameworkId().equals(framework)) {
        return reject(RejectReason.NOT_YOUR_OFFER, "offer " + offer.id() + " was not made to framework " + framework
            + "; use only offers sent to this framework");
      }
    }
    AgentId agent = offers.get(0).agentId();
    for (Offer offer : offers) {
      if (!offer.agentId().equals(agent)) {
        return reject(RejectReason.DIFFERENT_AGENTS, "offers are on agents " + agent + " and " + offer.agentId()
            + "; one ACCEPT may only combine offers from the same agent");
      }
    }
    String role = offers.get(0).role();
    for (Offer offer : offers) {
      if (!offer.role().equals(role)) {
        return reject(RejectReason.DIFFERENT_ROLES, "offers are for roles '" + role + "' and '"
            + offer.role() + "'; one ACCEPT may only combine offers made for the same role");
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejected> reject(RejectReason reason, String message) {
    return Optional.of(new Rejected(reason, message));
  }
}
