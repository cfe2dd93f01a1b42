/**
 * The agent protocol: the JSON messages between agents and the master over the agent WebSocket (docs/agent-protocol.md). Depends on core and Jackson.
 */
package io.meseta.protocol.agent;
