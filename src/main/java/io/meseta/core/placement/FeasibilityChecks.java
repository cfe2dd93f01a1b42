package io.meseta.core.placement;

import io.meseta.core.resources.Resources;
import java.util.List;
import java.util.Optional;

/**
 * The standard chain, cheapest first: constraints are string compares on a few attributes, so
 * they run before the resource arithmetic; "too small in total" is told apart from "not free now"
 * because only the second is worth waiting (or preempting) for. Details are built lazily: a
 * placement round rejects most agents for most tasks and only counts the reasons.
 */
public final class FeasibilityChecks {
  private FeasibilityChecks() {}

  public static final FeasibilityCheck CONSTRAINTS = (task, agent) -> {
    for (Constraint c : task.constraints()) {
      if (!c.test(agent.attribute(c.attribute()))) {
        return Optional.of(Rejection.lazy(Rejection.Reason.CONSTRAINT_NOT_MET,
            () -> c.attribute() + " " + c.operator() + (c.value() == null ? "" : " " + c.value())
                + " (agent has " + agent.attribute(c.attribute()) + ")"));
      }
    }
    return Optional.empty();
  };

  public static final FeasibilityCheck RESOURCES = (task, agent) -> {
    Resources need = task.resources();
    if (!agent.total().containsQuantities(need)) {
      return Optional.of(Rejection.lazy(Rejection.Reason.AGENT_TOO_SMALL,
          () -> shortfall(need, agent.total(), agent)));
    }
    if (!agent.free().containsQuantities(need)) {
      return Optional.of(Rejection.lazy(Rejection.Reason.INSUFFICIENT_FREE,
          () -> shortfall(need, agent.free(), agent)));
    }
    return Optional.empty();
  };

  public static final List<FeasibilityCheck> STANDARD = List.of(CONSTRAINTS, RESOURCES);

  private static String shortfall(Resources need, Resources have, Candidate agent) {
    for (String name : need.scalarNames()) {
      if (have.scalar(name) < need.scalar(name)) {
        return name + ": needs " + need.scalar(name) + ", " + agent.free().scalar(name)
            + " free of " + agent.total().scalar(name);
      }
    }
    return "needs " + need + ", has " + have;
  }
}
