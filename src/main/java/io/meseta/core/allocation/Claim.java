package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.time.Instant;
import java.util.Objects;

/**
 * Room being made on an agent for one framework's demand (by preemption): until {@code expires},
 * the agent's free resources are offered to nobody else, and once they cover {@code needed} they
 * go to {@code framework} in {@code role} first. After that, or after expiry, the normal order
 * resumes, so a claim never outlives the reason for it.
 */
public record Claim(AgentId agent, FrameworkId framework, String role, Resources needed,
    Instant expires) {
  public Claim {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(needed, "needed");
    Objects.requireNonNull(expires, "expires");
  }
}
