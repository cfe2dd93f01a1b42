package io.meseta.core.placement;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import java.util.Map;

/** An agent as placement sees it: identity, attributes, total and currently free resources. */
public record Candidate(
    AgentId id, String hostname, Map<String, String> attributes, Resources total, Resources free) {
  public Candidate {
    attributes = Map.copyOf(attributes);
  }

  String attribute(String name) {
    return Constraint.HOSTNAME.equals(name) ? hostname : attributes.get(name);
  }

  /** The same agent after {@code used} was taken from it. */
  public Candidate minus(Resources used) {
    return new Candidate(id, hostname, attributes, total, free.minus(used));
  }
}
