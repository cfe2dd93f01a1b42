package io.meseta.gateway.operator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/** The agent registry: agents by state, registrations, and the capacity they pool. */
final class AgentMeters implements MeterBinder {
  private static final List<String> STATES = List.of("connected", "disconnected", "unreachable");
  private static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");

  private final ScrapedValues values;

  AgentMeters(ScrapedValues values) {
    this.values = values;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String state : STATES) {
      Gauge.builder("meseta.agents", values, v -> v.snapshot("master/slaves_" + state))
          .tag("state", state)
          .description("Agents by state")
          .strongReference(true)
          .register(registry);
    }
    FunctionCounter.builder("meseta.agent.registrations", values,
            v -> v.snapshot("master/slave_registrations"))
        .tag("kind", "new").description("Agent registrations").register(registry);
    FunctionCounter.builder("meseta.agent.registrations", values,
            v -> v.snapshot("master/slave_reregistrations"))
        .tag("kind", "reregistered").description("Agent registrations").register(registry);
    for (String resource : RESOURCES) {
      // mem and disk in MB, as Mesos reports them; cpus and gpus in units.
      Gauge.builder("meseta.resources.capacity", values,
              v -> v.snapshot("master/" + resource + "_total"))
          .tag("resource", resource)
          .description("Resources of the reachable agents")
          .strongReference(true)
          .register(registry);
      Gauge.builder("meseta.resources.used", values,
              v -> v.snapshot("master/" + resource + "_used"))
          .tag("resource", resource)
          .description("Resources held by tasks and executors (offers excluded)")
          .strongReference(true)
          .register(registry);
    }
  }
}
