/**
 * The agent process: detects its resources, holds one WebSocket to a master (re-registering
 * after every reconnect), runs tasks as OS processes in their own process groups and sandboxes,
 * delivers their status updates reliably and in order, and serves sandbox files over HTTP.
 * Depends on core, protocol.agent, Vert.x core and Vert.x Web.
 */
package io.meseta.agent;
