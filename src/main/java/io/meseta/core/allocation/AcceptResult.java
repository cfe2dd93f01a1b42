package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import java.util.Objects;

/** Outcome of {@link Allocator#accept}: either the merged resources now allocated, or why not. */
public sealed interface AcceptResult {

  /**
   * The offers were consumed; {@code resources} stay allocated to the framework until the caller
   * {@link Allocator#recover recovers} what its operations did not use.
   */
  record Accepted(AgentId agentId, Resources resources, String role) implements AcceptResult {
    public Accepted {
      Objects.requireNonNull(agentId, "agentId");
      Objects.requireNonNull(resources, "resources");
      Objects.requireNonNull(role, "role");
    }

    /** Accepted for the role "*". */
    public Accepted(AgentId agentId, Resources resources) {
      this(agentId, resources, "*");
    }
  }

  /** Nothing was allocated; still-valid offers of the caller in the list were discarded (Mesos semantics). */
  record Rejected(RejectReason reason, String message) implements AcceptResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
