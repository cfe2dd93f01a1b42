/**
 * The HTTP and WebSocket edge of a master node: agent sockets; the scheduler API (both
 * transports) lives in {@code gateway.scheduler}, the operator endpoints (state, metrics, health,
 * version, the v1 operator API) in {@code gateway.operator}. Depends on core, protocol and
 * master.bus.
 */
package io.meseta.gateway;
