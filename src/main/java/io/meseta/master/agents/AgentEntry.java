package io.meseta.master.agents;

import io.meseta.master.bus.Messages.AgentDescriptor;

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
  final long registeredMillis;
  long reregisteredMillis;

  AgentEntry(AgentDescriptor descriptor, long registeredMillis) {
    this.descriptor = descriptor;
    this.registeredMillis = registeredMillis;
  }
}
