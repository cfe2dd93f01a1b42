package io.meseta.gateway.operator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/** The framework sessions: registered frameworks by state. */
final class FrameworkMeters implements MeterBinder {
  private static final List<String> STATES =
      List.of("active", "inactive", "connected", "disconnected");

  private final ScrapedValues values;

  FrameworkMeters(ScrapedValues values) {
    this.values = values;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String state : STATES) {
      // active/inactive and connected/disconnected are two views of the same frameworks.
      Gauge.builder("meseta.frameworks", values, v -> v.snapshot("master/frameworks_" + state))
          .tag("state", state)
          .description("Registered frameworks by state")
          .strongReference(true)
          .register(registry);
    }
  }
}
