package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * All agents' books, plus an index of where each framework holds something. Every change goes through here
 * so the index cannot drift from the agents.
 *
 * <p>Sums across agents are computed from the agents when asked, never kept as running totals: adding
 * ranges is a union, and every agent has ports 31000 and up, so taking one agent's ports out of a running
 * total would take them out for all. Only the scalar cluster total, which the sorter needs on every change,
 * is kept running — scalars add and subtract exactly.
 */
final class AgentLedger {

  private final NavigableMap<AgentId, AgentState> agents = new TreeMap<>();
  private final Map<FrameworkId, Set<AgentId>> agentsOf = new HashMap<>();
  private Resources scalarTotal = Resources.EMPTY;

  AgentState add(AgentId agent, Resources total, Map<FrameworkId, Resources> inUse) {
    if (agents.containsKey(agent)) {
      throw new IllegalStateException("agent " + agent + " is already known; remove it before adding it again");
    }
    AgentState state = new AgentState(agent, total, inUse);
    agents.put(agent, state);
    state.used().keySet().forEach(fw -> agentsOf.computeIfAbsent(fw, f -> new TreeSet<>()).add(agent));
    scalarTotal = scalarTotal.plus(total.scalarsOnly());
    return state;
  }

  /** Forgets the agent and what was used on it; its offers must have been returned first. */
  Optional<AgentState> remove(AgentId agent) {
    AgentState state = agents.remove(agent);
    if (state == null) {
      return Optional.empty();
    }
    state.used().keySet().forEach(fw -> unindex(fw, agent));
    scalarTotal = scalarTotal.minus(state.total().scalarsOnly());
    return Optional.of(state);
  }

  Optional<AgentState> get(AgentId agent) {
    return Optional.ofNullable(agents.get(agent));
  }

  Collection<AgentState> all() {
    return agents.values();
  }

  /** The scalar part of the cluster total, kept running for the sorter. */
  Resources scalarTotal() {
    return scalarTotal;
  }

  /** Every agent's total added up (ranges as a union). */
  Resources clusterTotal() {
    Resources sum = Resources.EMPTY;
    for (AgentState agent : agents.values()) {
      sum = sum.plus(agent.total());
    }
    return sum;
  }

  void offer(AgentState agent, FrameworkId framework, Resources resources) {
    agent.offer(framework, resources);
    agentsOf.computeIfAbsent(framework, f -> new TreeSet<>()).add(agent.id());
  }

  void returnOffered(AgentState agent, FrameworkId framework, Resources resources) {
    agent.returnOffered(framework, resources);
    if (!agent.holdsAnything(framework)) {
      unindex(framework, agent.id());
    }
  }

  void acceptOffered(AgentState agent, FrameworkId framework, Resources resources) {
    agent.acceptOffered(framework, resources);
  }

  void convertUsed(AgentState agent, FrameworkId framework, Resources from, Resources to) {
    scalarTotal = scalarTotal.minus(agent.total().scalarsOnly());
    agent.convertUsed(framework, from, to);
    scalarTotal = scalarTotal.plus(agent.total().scalarsOnly());
  }

  void convertFree(AgentState agent, Resources from, Resources to) {
    scalarTotal = scalarTotal.minus(agent.total().scalarsOnly());
    agent.convertFree(from, to);
    scalarTotal = scalarTotal.plus(agent.total().scalarsOnly());
  }

  Resources recoverUsed(AgentState agent, FrameworkId framework, Resources resources) {
    Resources recovered = agent.recoverUsed(framework, resources);
    if (!agent.holdsAnything(framework)) {
      unindex(framework, agent.id());
    }
    return recovered;
  }

  Resources offered(FrameworkId framework) {
    return sum(framework, AgentState::offeredTo);
  }

  Resources used(FrameworkId framework) {
    return sum(framework, AgentState::usedBy);
  }

  private Resources sum(FrameworkId framework, BiFunction<AgentState, FrameworkId, Resources> part) {
    Resources sum = Resources.EMPTY;
    for (AgentId agent : agentsOf.getOrDefault(framework, Set.of())) {
      sum = sum.plus(part.apply(agents.get(agent), framework));
    }
    return sum;
  }

  private void unindex(FrameworkId framework, AgentId agent) {
    Set<AgentId> held = agentsOf.get(framework);
    if (held != null && held.remove(agent) && held.isEmpty()) {
      agentsOf.remove(framework);
    }
  }
}
