package io.meseta.gateway.operator;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * A Vert.x instance whose own meters (HTTP server and client, WebSocket, event bus, pools, JVM)
 * go to the Prometheus registry that the master's {@code GET /metrics} also serves. Use it where
 * a process creates its Vert.x; without it {@code /metrics} still serves the master's and the
 * JVM's meters.
 */
public final class PrometheusMetrics {
  private PrometheusMetrics() {}

  public static Vertx newVertx() {
    return Vertx.vertx(options());
  }

  /** The options of {@link #newVertx()}, for a process that builds its Vert.x itself (clustered). */
  public static VertxOptions options() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .setEnabled(true));
  }
}
