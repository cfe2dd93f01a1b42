package io.meseta.master.agents;

import io.meseta.master.bus.Messages.AgentDescriptor;
import io.vertx.core.json.JsonObject;

/**
 * One agent as the registry knows it. Mutable, touched only on the registry's context.
 * {@code connectionId} is null while its socket is down; {@code unansweredPings} counts pings
 * since the last pong, and reaching the limit makes the agent unreachable.
 */
final class AgentEntry {
  AgentDescriptor descriptor;
  String nodeId;
  String connectionId;
  int unansweredPings;
  boolean reachable = true;
  /** Known from the state store of an earlier leader, and not yet re-registered with this one. */
  boolean recovering;
  final long registeredMillis;
  long reregisteredMillis;

  AgentEntry(AgentDescriptor descriptor, long registeredMillis) {
    this.descriptor = descriptor;
    this.registeredMillis = registeredMillis;
  }

  /** What the state store keeps, so that a new leader can wait for this agent. */
  JsonObject toStoredJson() {
    return identityJson()
        .put("resources", descriptor.total().toText())
        .put("registered_millis", registeredMillis);
  }

  private JsonObject identityJson() {
    JsonObject attributes = new JsonObject();
    descriptor.attributes().forEach(attributes::put);
    return new JsonObject()
        .put("id", descriptor.id().value())
        .put("hostname", descriptor.hostname())
        .put("port", descriptor.port())
        .put("attributes", attributes);
  }

  /** The agent as the registry reports it in its state answer and in operator facts. */
  JsonObject toStateJson() {
    return identityJson()
        .put("pid", "slave(1)@" + descriptor.hostname() + ":" + descriptor.port())
        .put("total", descriptor.total().toText())
        .put("active", reachable)
        .put("connected", connectionId != null)
        .put("registered_time", registeredMillis / 1000.0)
        .put("reregistered_time", reregisteredMillis / 1000.0);
  }
}
