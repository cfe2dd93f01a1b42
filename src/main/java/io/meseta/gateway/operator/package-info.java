/**
 * Mesos-compatible operator surfaces of a gateway node: the v0 read endpoints ({@code
 * /master/state}, {@code /metrics/snapshot}, ...), {@code /master/teardown}, and the v1 operator
 * API ({@code POST /api/v1}) with its SUBSCRIBE event stream, and Prometheus {@code GET
 * /metrics} (Micrometer binders, one per master component). Everything is assembled from the
 * leader services' state answers and operator facts; nothing here holds cluster state. Depends
 * on core, protocol, master.bus, Vert.x Web and Micrometer.
 */
package io.meseta.gateway.operator;
