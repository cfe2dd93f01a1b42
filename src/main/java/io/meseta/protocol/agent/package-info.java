/**
 * The agent protocol: the JSON messages between agents and the master over the agent WebSocket
 * (docs/agent-protocol.md). Depends on core, protocol.json (Mesos messages carried inside
 * frames), Jackson and protobuf.
 */
package io.meseta.protocol.agent;
