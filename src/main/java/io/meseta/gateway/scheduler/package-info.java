/**
 * The Mesos v1 scheduler API at the gateway, over two transports of one model: the framework
 * WebSocket and Mesos' own {@code POST /api/v1/scheduler} RecordIO stream. Both register a
 * {@link io.meseta.gateway.scheduler.FrameworkStream} and send every call through
 * {@link io.meseta.gateway.scheduler.SchedulerCalls}. Depends on core, protocol and master.bus.
 */
package io.meseta.gateway.scheduler;
