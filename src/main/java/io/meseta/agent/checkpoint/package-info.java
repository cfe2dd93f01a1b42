/**
 * The agent's checkpoint on disk (under {@code WORK/meta}): its id, its tasks and executors with
 * the identity of their processes, and the unacknowledged status updates of every task, so that
 * a restarted agent can re-adopt what still runs and re-send what was not acknowledged. Plain
 * records, atomic file writes off the event loop, tolerant reads. Depends on protocol.agent,
 * Jackson and Vert.x core.
 */
package io.meseta.agent.checkpoint;
