package io.meseta.core.placement;

import io.meseta.core.model.AgentId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places a batch of tasks on agents: for each task in order, every agent goes through the
 * feasibility chain, the feasible ones are scored, and the best takes the task (ties go to the
 * smaller agent id, so a placement is reproducible). What a task takes is no longer free for the
 * next. A gang is all-or-nothing: if one of its tasks fits nowhere, none is placed.
 */
public final class Placer {
  private final List<FeasibilityCheck> checks;
  private final Scorer scorer;

  public Placer(List<FeasibilityCheck> checks, Scorer scorer) {
    this.checks = List.copyOf(checks);
    this.scorer = scorer;
  }

  public Placer(Scorer scorer) {
    this(FeasibilityChecks.STANDARD, scorer);
  }

  public Placement place(List<TaskShape> tasks, List<Candidate> agents, boolean gang) {
    Map<AgentId, Candidate> state = new LinkedHashMap<>();
    agents.stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(a -> state.put(a.id(), a));
    Map<Integer, AgentId> assignments = new HashMap<>();
    Map<Integer, Map<Rejection.Reason, Integer>> unplaced = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskShape task = tasks.get(i);
      Map<Rejection.Reason, Integer> reasons = new EnumMap<>(Rejection.Reason.class);
      Candidate best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (Candidate agent : state.values()) {
        Optional<Rejection> rejection = firstRejection(task, agent);
        if (rejection.isPresent()) {
          reasons.merge(rejection.get().reason(), 1, Integer::sum);
          continue;
        }
        double score = scorer.score(task, agent);
        if (score > bestScore) {
          best = agent;
          bestScore = score;
        }
      }
      if (best == null) {
        unplaced.put(i, reasons);
      } else {
        assignments.put(i, best.id());
        state.put(best.id(), best.minus(task.resources()));
      }
    }
    if (gang && !unplaced.isEmpty()) {
      // All or nothing: the tasks that did fit are reported as held back by the gang.
      for (Integer placed : new ArrayList<>(assignments.keySet())) {
        unplaced.putIfAbsent(placed, Map.of());
      }
      return Placement.of(Map.of(), unplaced);
    }
    return Placement.of(assignments, unplaced);
  }

  /** The first check that rejects, or empty: explains one agent's verdict for one task. */
  public Optional<Rejection> firstRejection(TaskShape task, Candidate agent) {
    for (FeasibilityCheck check : checks) {
      Optional<Rejection> rejection = check.check(task, agent);
      if (rejection.isPresent()) {
        return rejection;
      }
    }
    return Optional.empty();
  }
}
