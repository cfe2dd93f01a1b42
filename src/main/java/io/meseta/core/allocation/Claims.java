package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live {@link Claim}s, oldest first per agent, each with the allocator client it is for (the
 * framework in the claim's role). Several claims on one agent are served one after the other.
 */
final class Claims {
  /** A claim and the client (framework in role) that gets the agent first. */
  record Held(Claim claim, FrameworkId client) {}

  private final Map<AgentId, List<Held>> byAgent = new TreeMap<>();

  void add(Claim claim, FrameworkId client) {
    byAgent.computeIfAbsent(claim.agent(), a -> new ArrayList<>()).add(new Held(claim, client));
  }

  /** The oldest claim on the agent still live at {@code now}. */
  Optional<Held> on(AgentId agent, Instant now) {
    List<Held> held = byAgent.get(agent);
    if (held == null) {
      return Optional.empty();
    }
    return held.stream().filter(h -> h.claim().expires().isAfter(now)).findFirst();
  }

  /** The claim was served, or can no longer be: it goes. */
  void drop(Held held) {
    List<Held> list = byAgent.get(held.claim().agent());
    if (list != null && list.remove(held) && list.isEmpty()) {
      byAgent.remove(held.claim().agent());
    }
  }

  void forgetAgent(AgentId agent) {
    byAgent.remove(agent);
  }

  /** Drops claims due by {@code now}; returns their agents, whose held resources are free again. */
  Set<AgentId> expire(Instant now) {
    Set<AgentId> lapsed = new TreeSet<>();
    for (Iterator<Map.Entry<AgentId, List<Held>>> it = byAgent.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<AgentId, List<Held>> entry = it.next();
      if (entry.getValue().removeIf(h -> !h.claim().expires().isAfter(now))) {
        lapsed.add(entry.getKey());
      }
      if (entry.getValue().isEmpty()) {
        it.remove();
      }
    }
    return lapsed;
  }

  List<Claim> all() {
    List<Claim> all = new ArrayList<>();
    byAgent.values().forEach(list -> list.forEach(h -> all.add(h.claim())));
    return all;
  }
}
