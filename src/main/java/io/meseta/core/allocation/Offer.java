package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.util.Objects;

/**
 * One agent's free resources (allocatable to {@code role}) offered to one framework for one of its
 * roles: Mesos' {@code allocation_info.role}.
 */
public record Offer(OfferId id, FrameworkId frameworkId, AgentId agentId, Resources resources,
    String role) {
  public Offer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(role, "role");
  }
}
