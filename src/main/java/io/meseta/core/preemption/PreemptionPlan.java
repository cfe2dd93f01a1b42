package io.meseta.core.preemption;

import io.meseta.core.model.AgentId;
import java.util.List;

/** Make room for {@code demand} on {@code agent} by preempting {@code victims}. */
public record PreemptionPlan(Demand demand, AgentId agent, List<Victim> victims) {
  public PreemptionPlan {
    victims = List.copyOf(victims);
  }
}
