package io.meseta.jobs;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.resources.Resources;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** Reads the agent registry's state answer ({@code slaves}) into placement candidates. */
final class AgentView {
  private AgentView() {}

  /** The active agents, with their totals; {@code free} is left empty (offers fill it). */
  static Map<AgentId, Candidate> activeAgents(JsonObject registryState) {
    Map<AgentId, Candidate> agents = new HashMap<>();
    if (registryState == null || registryState.getJsonArray("slaves") == null) {
      return agents;
    }
    for (Object item : registryState.getJsonArray("slaves")) {
      JsonObject slave = (JsonObject) item;
      if (!slave.getBoolean("active", false)) {
        continue;
      }
      Map<String, String> attributes = new HashMap<>();
      JsonObject attrs = slave.getJsonObject("attributes", new JsonObject());
      attrs.forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
      AgentId id = AgentId.of(slave.getString("id"));
      agents.put(id, new Candidate(id, slave.getString("hostname"), attributes,
          Resources.parse(slave.getString("total", "")), Resources.EMPTY));
    }
    return agents;
  }
}
