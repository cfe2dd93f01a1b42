/**
 * The Java scheduler SDK: a framework implements {@link io.meseta.client.Scheduler} and talks to a
 * Meseta (or Mesos-compatible) master through {@link io.meseta.client.SchedulerDriver}, over the
 * framework WebSocket {@code /api/v1/scheduler/ws}, one Mesos v1 {@code Call}/{@code Event} per
 * text frame. Depends on Vert.x core, the Mesos v1 protobuf model, {@code io.meseta.protocol.json}
 * and SLF4J; never on master, gateway or core internals, so frameworks can ship it alone.
 */
package io.meseta.client;
