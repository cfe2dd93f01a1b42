package io.meseta.core.model;

import java.util.Objects;

/** An agent, as the master names it (Mesos: <masterId>-S<n>). */
public record AgentId(String value) implements Comparable<AgentId>, java.io.Serializable {
  public AgentId {
    Objects.requireNonNull(value, "AgentId value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("AgentId must not be blank");
    }
  }

  public static AgentId of(String value) {
    return new AgentId(value);
  }

  @Override
  public int compareTo(AgentId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
