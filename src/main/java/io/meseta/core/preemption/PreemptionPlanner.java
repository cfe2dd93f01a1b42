package io.meseta.core.preemption;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.FeasibilityChecks;
import io.meseta.core.placement.RoomMaking;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans preemptions for demand that free resources cannot meet. For each demand, highest
 * priority first: on every agent that meets its constraints and is big enough, take eligible
 * tasks cheapest first (lowest priority, then the most recently started: least work lost) until
 * the demand fits, then drop any victim the demand can do without, so no agent loses more than
 * needed. Of those agents, the plan with the fewest victims wins, then the lowest top priority
 * among them, then the least running time lost, then the smaller agent id.
 */
public final class PreemptionPlanner {
  private static final Comparator<RunningTask> CHEAPEST_FIRST =
      Comparator.comparingInt(RunningTask::priority)
          .thenComparing(RunningTask::startedAt, Comparator.reverseOrder())
          .thenComparing(t -> t.id().value());

  private final PreemptionPolicy policy;

  public PreemptionPlanner(PreemptionPolicy policy) {
    this.policy = policy;
  }

  public List<PreemptionPlan> plan(List<Demand> demands, List<Candidate> agents,
      List<RunningTask> running, Instant now) {
    List<PreemptionPlan> plans = new ArrayList<>();
    if (!policy.enabled()) {
      return plans;
    }
    Map<AgentId, Candidate> free = new HashMap<>();
    agents.forEach(a -> free.put(a.id(), a));
    Set<RunningTask> taken = new HashSet<>();
    List<Demand> byPriority = new ArrayList<>(demands);
    byPriority.sort(Comparator.comparingInt(Demand::priority).reversed());
    for (Demand demand : byPriority) {
      if (fitsSomewhere(demand, free.values())) {
        continue; // free resources will do; nothing to preempt
      }
      Optional<Option> best = free.values().stream()
          .filter(agent -> FeasibilityChecks.CONSTRAINTS.check(demand.shape(), agent).isEmpty())
          .filter(agent -> agent.total().containsQuantities(demand.shape().resources()))
          .map(agent -> option(demand, agent, running, taken, now))
          .flatMap(Optional::stream)
          .min(Option.BEST);
      if (best.isEmpty()) {
        continue;
      }
      Option option = best.get();
      taken.addAll(option.victims);
      Resources freed = option.victims.stream().map(v -> v.resources().withoutRoles())
          .reduce(Resources.EMPTY, Resources::plus);
      // The room made is promised to this demand: later demands see the agent as it will be.
      // Planning works on quantities (roles flattened): reservations are the allocator's concern.
      Candidate agent = free.get(option.agent);
      free.put(option.agent, new Candidate(agent.id(), agent.hostname(), agent.attributes(),
          agent.total(), agent.free().withoutRoles().plus(freed)
              .minus(demand.shape().resources().withoutRoles())));
      plans.add(new PreemptionPlan(demand, option.agent, option.victims.stream()
          .map(v -> new Victim(v, why(v, demand, now))).toList()));
    }
    return plans;
  }

  private boolean fitsSomewhere(Demand demand, Iterable<Candidate> agents) {
    for (Candidate agent : agents) {
      if (FeasibilityChecks.CONSTRAINTS.check(demand.shape(), agent).isEmpty()
          && FeasibilityChecks.RESOURCES.check(demand.shape(), agent).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The cheapest set of victims on one agent that makes the demand fit, if any does. */
  private Optional<Option> option(Demand demand, Candidate agent, List<RunningTask> running,
      Set<RunningTask> taken, Instant now) {
    Resources need = demand.shape().resources().withoutRoles();
    List<RunningTask> eligible = running.stream()
        .filter(t -> t.agentId().equals(agent.id()) && !taken.contains(t))
        .filter(t -> policy.mayPreempt(t, demand))
        .sorted(CHEAPEST_FIRST)
        .toList();
    Optional<List<RunningTask>> chosen = RoomMaking.fewestToRemove(agent.free().withoutRoles(),
        need, eligible, t -> t.resources().withoutRoles());
    if (chosen.isEmpty()) {
      return Optional.empty();
    }
    List<RunningTask> victims = chosen.get();
    long lostMillis = victims.stream()
        .mapToLong(v -> Duration.between(v.startedAt(), now).toMillis()).sum();
    int topPriority = victims.stream().mapToInt(RunningTask::priority).max().orElse(0);
    return Optional.of(new Option(agent.id(), victims, topPriority, lostMillis));
  }

  private static String why(RunningTask v, Demand demand, Instant now) {
    return "task " + v.id() + " (role " + v.role() + ", priority " + v.priority() + ", running "
        + Duration.between(v.startedAt(), now).toSeconds() + " s) frees " + v.resources()
        + " on agent " + v.agentId() + " for a priority " + demand.priority() + " task of role "
        + demand.role() + " needing " + demand.shape().resources();
  }

  private record Option(AgentId agent, List<RunningTask> victims, int topPriority, long lost) {
    static final Comparator<Option> BEST = Comparator.comparingInt((Option o) -> o.victims.size())
        .thenComparingInt(o -> o.topPriority)
        .thenComparingLong(o -> o.lost)
        .thenComparing(o -> o.agent);
  }
}
