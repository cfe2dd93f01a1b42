/**
 * Simulated agents and frameworks: WebSocket clients that speak the real agent protocol and the real Mesos v1
 * scheduler protocol, with simulated task execution. They share a {@link io.meseta.loadtest.metrics.Measurements}.
 */
package io.meseta.loadtest.sim;
