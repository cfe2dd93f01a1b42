package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refusal filters: "don't offer {@code framework} these resources on {@code agent} again before {@code expiry}".
 * A filter blocks a candidate offer only if the candidate is a subset of what was refused, so an agent whose
 * free resources have since grown is offered again (Mesos {@code RefusedOfferFilter}).
 *
 * <p>Expiries sit in a queue so that {@link #expire} costs nothing when no filter is due. Filters cleared
 * early (revive, removal) are left in the queue and skipped when they come due, as Mesos lets their timers
 * fire into nothing; the queue is rebuilt when such dead entries outnumber the live ones.
 */
final class RefusalFilters {

  /** Identity matters: two identical refusals are two filters, and each must be removed once. */
  private static final class Filter {
    final FrameworkId framework;
    final AgentId agent;
    final Resources refused;
    final Instant expiry;

    Filter(FrameworkId framework, AgentId agent, Resources refused, Instant expiry) {
      this.framework = framework;
      this.agent = agent;
      this.refused = refused;
      this.expiry = expiry;
    }
  }

  /** Mesos caps refusals at a year: longer is almost certainly a unit mistake. */
  static final Duration MAX_REFUSAL = Duration.ofDays(365);

  private static final int MIN_QUEUE_BEFORE_COMPACTION = 64;

  private final Map<FrameworkId, Map<AgentId, List<Filter>>> live = new HashMap<>();
  private final PriorityQueue<Filter> byExpiry = new PriorityQueue<>(Comparator.comparing((Filter f) -> f.expiry));
  private int liveCount;

  /**
   * How long a refusal of {@code refuse} (positive) lasts: capped at a year, and never shorter than the
   * allocation interval (MESOS-4302: a shorter filter could expire unseen between two runs).
   */
  static Duration lifetime(Duration refuse, Duration allocationInterval) {
    Duration capped = refuse.compareTo(MAX_REFUSAL) > 0 ? MAX_REFUSAL : refuse;
    return capped.compareTo(allocationInterval) < 0 ? allocationInterval : capped;
  }

  void install(FrameworkId framework, AgentId agent, Resources refused, Instant expiry) {
    Filter filter = new Filter(framework, agent, refused, expiry);
    live.computeIfAbsent(framework, f -> new HashMap<>()).computeIfAbsent(agent, a -> new ArrayList<>()).add(filter);
    byExpiry.add(filter);
    liveCount++;
  }

  /** Whether an unexpired filter of {@code framework} on {@code agent} covers the whole {@code candidate}. */
  boolean blocks(FrameworkId framework, AgentId agent, Resources candidate, Instant now) {
    Map<AgentId, List<Filter>> byAgent = live.get(framework);
    List<Filter> filters = byAgent == null ? null : byAgent.get(agent);
    if (filters == null) {
      return false;
    }
    for (Filter filter : filters) {
      if (filter.expiry.isAfter(now) && filter.refused.contains(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** Drops every filter due by {@code now}; returns the agents that may now be offered again, in id order. */
  Set<AgentId> expire(Instant now) {
    Set<AgentId> agents = new TreeSet<>();
    while (!byExpiry.isEmpty() && !byExpiry.peek().expiry.isAfter(now)) {
      Filter filter = byExpiry.poll();
      if (removeLive(filter)) {
        agents.add(filter.agent);
      }
    }
    return agents;
  }

  /** Clears every filter of {@code framework} (revive, removal). */
  void clear(FrameworkId framework) {
    Map<AgentId, List<Filter>> byAgent = live.remove(framework);
    if (byAgent != null) {
      byAgent.values().forEach(filters -> liveCount -= filters.size());
      compactIfMostlyDead();
    }
  }

  /** Clears every filter on {@code agent} (agent removed). */
  void forgetAgent(AgentId agent) {
    live.values().removeIf(byAgent -> {
      List<Filter> filters = byAgent.remove(agent);
      if (filters != null) {
        liveCount -= filters.size();
      }
      return byAgent.isEmpty();
    });
    compactIfMostlyDead();
  }

  /** When the next filter comes due, so the caller can schedule a run then. */
  Optional<Instant> nextExpiry() {
    while (!byExpiry.isEmpty() && !isLive(byExpiry.peek())) {
      byExpiry.poll();
    }
    return byExpiry.isEmpty() ? Optional.empty() : Optional.of(byExpiry.peek().expiry);
  }

  private boolean isLive(Filter filter) {
    Map<AgentId, List<Filter>> byAgent = live.get(filter.framework);
    List<Filter> filters = byAgent == null ? null : byAgent.get(filter.agent);
    return filters != null && filters.contains(filter);
  }

  private boolean removeLive(Filter filter) {
    Map<AgentId, List<Filter>> byAgent = live.get(filter.framework);
    List<Filter> filters = byAgent == null ? null : byAgent.get(filter.agent);
    if (filters == null || !filters.remove(filter)) {
      return false;
    }
    liveCount--;
    if (filters.isEmpty()) {
      byAgent.remove(filter.agent);
      if (byAgent.isEmpty()) {
        live.remove(filter.framework);
      }
    }
    return true;
  }

  private void compactIfMostlyDead() {
    if (byExpiry.size() > MIN_QUEUE_BEFORE_COMPACTION && byExpiry.size() > 2 * liveCount) {
      byExpiry.clear();
      live.values().forEach(byAgent -> byAgent.values().forEach(byExpiry::addAll));
    }
  }
}
