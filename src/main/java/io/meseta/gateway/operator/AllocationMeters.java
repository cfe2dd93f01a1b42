package io.meseta.gateway.operator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The allocator: run time, offers by fate, outstanding offers and preempted tasks. */
final class AllocationMeters implements MeterBinder {
  private static final List<String> OFFER_OUTCOMES =
      List.of("sent", "declined", "rescinded", "timed_out");

  private final ScrapedValues values;

  AllocationMeters(ScrapedValues values) {
    this.values = values;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionTimer.builder("meseta.allocation.run", values,
            v -> (long) v.allocation("runs"), v -> v.allocation("run_time_total_ms"),
            TimeUnit.MILLISECONDS)
        .description("Allocation runs (one per burst of cluster events) and their time")
        .register(registry);
    for (String outcome : OFFER_OUTCOMES) {
      // A timed-out offer is rescinded too, so it counts under both outcomes.
      FunctionCounter.builder("meseta.offers", values,
              v -> v.allocation("offer_counters", "allocator/offers_" + outcome))
          .tag("outcome", outcome)
          .description("Offers by what became of them")
          .register(registry);
    }
    Gauge.builder("meseta.offers.outstanding", values,
            v -> v.snapshot("master/outstanding_offers"))
        .description("Offers made and not yet accepted, declined or rescinded")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("meseta.tasks.preempted", values,
            v -> v.allocation("preemption", "preempted_tasks"))
        .description("Tasks killed to make room for a role's guarantee or a higher priority")
        .register(registry);
  }
}
