package io.meseta.jobs;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;

/**
 * The offers the job service holds, per agent, with when each arrived: a gang may need several
 * agents at once, so unused offers are kept a moment rather than declined on arrival.
 */
final class HeldOffers {
  record Held(Offer offer, Resources resources, Instant since) {}

  private final Map<String, Held> byId = new LinkedHashMap<>();

  void add(Offer offer, Instant now) {
    byId.put(offer.getId().getValue(),
        new Held(offer, ResourcesProto.fromProto(offer.getResourcesList()), now));
  }

  void remove(OfferID id) {
    byId.remove(id.getValue());
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  /** Removes and returns every offer held for the agent. */
  List<Held> take(AgentId agent) {
    List<Held> taken = new ArrayList<>();
    byId.values().removeIf(h -> {
      if (h.offer().getAgentId().getValue().equals(agent.value())) {
        taken.add(h);
        return true;
      }
      return false;
    });
    return taken;
  }

  /** Removes and returns every offer. */
  List<Held> takeAll() {
    List<Held> all = new ArrayList<>(byId.values());
    byId.clear();
    return all;
  }

  /** The agents whose oldest held offer arrived at or before {@code cutoff}. */
  List<AgentId> heldSince(Instant cutoff) {
    return byId.values().stream().filter(h -> !h.since().isAfter(cutoff))
        .map(h -> AgentId.of(h.offer().getAgentId().getValue())).distinct().toList();
  }

  /**
   * Every agent as placement sees it: the registry's view (total, attributes) with what our
   * offers give as free. An offered agent the registry has not told us about yet counts with
   * its offer as its total.
   */
  List<Candidate> candidates(Map<AgentId, Candidate> registry) {
    Map<AgentId, Resources> free = new HashMap<>();
    Map<AgentId, Offer> anyOffer = new HashMap<>();
    for (Held h : byId.values()) {
      AgentId agent = AgentId.of(h.offer().getAgentId().getValue());
      free.merge(agent, h.resources(), Resources::plus);
      anyOffer.putIfAbsent(agent, h.offer());
    }
    List<Candidate> candidates = new ArrayList<>();
    registry.forEach((id, known) -> candidates.add(new Candidate(id, known.hostname(),
        known.attributes(), known.total(), free.getOrDefault(id, Resources.EMPTY))));
    free.forEach((id, resources) -> {
      if (!registry.containsKey(id)) {
        Offer offer = anyOffer.get(id);
        Map<String, String> attributes = new HashMap<>();
        offer.getAttributesList().forEach(a -> attributes.put(a.getName(), a.getText().getValue()));
        candidates.add(new Candidate(id, offer.getHostname(), attributes, resources, resources));
      }
    });
    return candidates;
  }

  /** The agent's files endpoint as its offers name it (Mesos' {@code Offer.url}). */
  static String host(Offer offer) {
    return offer.getUrl().getAddress().hasHostname() ? offer.getUrl().getAddress().getHostname()
        : offer.getUrl().getAddress().getIp();
  }

  static int port(Offer offer) {
    return offer.getUrl().getAddress().getPort();
  }
}
