package io.meseta.gateway.operator;

import io.meseta.master.MasterIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.List;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. Each scrape first reads one
 * fresh {@link ClusterView} (the same one {@code /metrics/snapshot} is built from), so the
 * master's meters never lag the services; Vert.x's own HTTP, WebSocket and event-bus meters
 * appear too when the Vert.x instance was created by {@link PrometheusMetrics#newVertx()}.
 */
final class PrometheusEndpoint {
  /** The Prometheus text exposition format, version 0.0.4, which every scraper reads. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final EventBus bus;
  private final MasterIdentity identity;
  private final OperatorEventStream stream;
  private final PrometheusMeterRegistry registry;
  private final ScrapedValues values = new ScrapedValues();

  PrometheusEndpoint(Vertx vertx, MasterIdentity identity, OperatorEventStream stream) {
    this.bus = vertx.eventBus();
    this.identity = identity;
    this.stream = stream;
    this.registry = registryFor(vertx);
    for (var binder : List.of(new AllocationMeters(values), new TaskMeters(values),
        new AgentMeters(values), new FrameworkMeters(values))) {
      binder.bindTo(registry);
    }
  }

  void mount(Router router) {
    router.get("/metrics").handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    ClusterView.fetch(bus)
        .onSuccess(view -> {
          values.update(MasterMetrics.snapshot(view, identity, stream.size()), view.allocation());
          ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(registry.scrape());
        })
        .onFailure(e -> Problems.send(ctx.response(), 503,
            "Master state is not available (" + e.getMessage() + "); retry shortly"));
  }

  /**
   * The registry Vert.x writes its own meters to when its metrics are on (JVM meters included);
   * otherwise one of this gateway's own, with the JVM meters bound here. The JVM's GC meters are
   * left out of the latter: they hold JMX listeners that would outlive a master stopped in a
   * test.
   */
  private static PrometheusMeterRegistry registryFor(Vertx vertx) {
    if (vertx.isMetricsEnabled()) {
      MeterRegistry shared = BackendRegistries.getDefaultNow();
      if (shared instanceof PrometheusMeterRegistry prometheus) {
        return prometheus;
      }
    }
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(own);
    new JvmThreadMetrics().bindTo(own);
    new ClassLoaderMetrics().bindTo(own);
    new ProcessorMetrics().bindTo(own);
    new UptimeMetrics().bindTo(own);
    return own;
  }
}
