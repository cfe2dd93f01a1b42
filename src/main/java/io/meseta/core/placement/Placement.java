package io.meseta.core.placement;

import io.meseta.core.model.AgentId;
import java.util.Map;

/**
 * The outcome of placing a batch of tasks: where each placed task goes (by its index in the
 * batch), and for each task that could not be placed, how many agents rejected it for each reason.
 */
public record Placement(Map<Integer, AgentId> assignments,
    Map<Integer, Map<Rejection.Reason, Integer>> unplaced) {
  public Placement {
    assignments = Map.copyOf(assignments);
    unplaced = Map.copyOf(unplaced);
  }

  public boolean complete() {
    return unplaced.isEmpty();
  }

  /**
   * True if some task could only wait for resources to be freed (or preempted), not for a
   * bigger agent: at least one agent was big enough and met every constraint.
   */
  public boolean worthWaiting(int task) {
    return unplaced.getOrDefault(task, Map.of()).containsKey(Rejection.Reason.INSUFFICIENT_FREE);
  }

  static Placement of(Map<Integer, AgentId> assignments,
      Map<Integer, Map<Rejection.Reason, Integer>> unplaced) {
    return new Placement(assignments, unplaced);
  }
}
