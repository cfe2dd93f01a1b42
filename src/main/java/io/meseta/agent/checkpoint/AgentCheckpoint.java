package io.meseta.agent.checkpoint;

/** {@code meta/agent.json}: the id the master gave this agent, kept across restarts. */
public record AgentCheckpoint(String agentId) {}
