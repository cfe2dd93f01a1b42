package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Outstanding offers, indexed by id, framework and agent; also names new offers. */
final class OfferBook {

  private final String idPrefix;
  private long nextId;
  private final Map<OfferId, Offer> byId = new LinkedHashMap<>();
  /** The allocator client (framework and role) each offer was made to. */
  private final Map<OfferId, FrameworkId> clientById = new HashMap<>();
  private final Map<FrameworkId, Set<OfferId>> byFramework = new HashMap<>();
  private final Map<AgentId, Set<OfferId>> byAgent = new HashMap<>();

  OfferBook(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  Offer create(FrameworkId client, String role, AgentId agent, Resources resources) {
    FrameworkId framework = FrameworkClients.frameworkOf(client);
    Offer offer = new Offer(OfferId.of(idPrefix + "-O" + nextId++), framework, agent, resources,
        role);
    byId.put(offer.id(), offer);
    clientById.put(offer.id(), client);
    byFramework.computeIfAbsent(framework, f -> new LinkedHashSet<>()).add(offer.id());
    byAgent.computeIfAbsent(agent, a -> new LinkedHashSet<>()).add(offer.id());
    return offer;
  }

  Optional<Offer> get(OfferId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The client an outstanding offer was made to; ask before removing it. */
  FrameworkId client(Offer offer) {
    return clientById.getOrDefault(offer.id(), offer.frameworkId());
  }

  Optional<Offer> remove(OfferId id) {
    Offer offer = byId.remove(id);
    if (offer == null) {
      return Optional.empty();
    }
    clientById.remove(id);
    unindex(byFramework, offer.frameworkId(), id);
    unindex(byAgent, offer.agentId(), id);
    return Optional.of(offer);
  }

  /** Those of {@code ids} (each once) that are outstanding offers to the framework. */
  List<OfferId> outstandingOf(FrameworkId framework, List<OfferId> ids) {
    return new LinkedHashSet<>(ids).stream().filter(id -> get(id)
        .filter(o -> o.frameworkId().equals(framework)).isPresent()).toList();
  }

  /** Snapshot, oldest first: safe to remove offers while walking it. */
  List<OfferId> ofFramework(FrameworkId framework) {
    return List.copyOf(byFramework.getOrDefault(framework, Set.of()));
  }

  /** Snapshot, oldest first: safe to remove offers while walking it. */
  List<OfferId> onAgent(AgentId agent) {
    return List.copyOf(byAgent.getOrDefault(agent, Set.of()));
  }

  Collection<Offer> all() {
    return Collections.unmodifiableCollection(byId.values());
  }

  private static <K> void unindex(Map<K, Set<OfferId>> index, K key, OfferId id) {
    Set<OfferId> ids = index.get(key);
    if (ids != null && ids.remove(id) && ids.isEmpty()) {
      index.remove(key);
    }
  }
}
