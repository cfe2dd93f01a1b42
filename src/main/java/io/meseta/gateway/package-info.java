/**
 * The HTTP and WebSocket edge of a master node: framework and agent sockets, health, version
 * and state endpoints. Depends on core, protocol and master.bus.
 */
package io.meseta.gateway;
