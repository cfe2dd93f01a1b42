package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.util.Objects;

/** One agent's free resources (allocatable to the framework's role) offered to one framework. */
public record Offer(OfferId id, FrameworkId frameworkId, AgentId agentId, Resources resources) {
  public Offer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(resources, "resources");
  }
}
