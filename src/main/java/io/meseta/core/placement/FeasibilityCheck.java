package io.meseta.core.placement;

import java.util.Optional;

/** One stage of the feasibility chain; returns why the agent is unfit, or empty. */
@FunctionalInterface
public interface FeasibilityCheck {
  Optional<Rejection> check(TaskShape task, Candidate agent);
}
