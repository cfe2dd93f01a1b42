package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Short names for the allocator tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final FrameworkId A = FrameworkId.of("fw-a");
  static final FrameworkId B = FrameworkId.of("fw-b");
  static final FrameworkId C = FrameworkId.of("fw-c");
  static final AgentId A1 = AgentId.of("a1");
  static final AgentId A2 = AgentId.of("a2");
  static final AgentId A3 = AgentId.of("a3");
  static final AgentId A4 = AgentId.of("a4");
  static final Duration NO_FILTER = Duration.ZERO;
  static final Duration ONE_HOUR = Duration.ofHours(1);

  private Fixtures() {}

  static Resources r(String text) {
    return Resources.parse(text);
  }

  static Allocator allocator() {
    return new Allocator(AllocatorConfig.defaults(), "M1");
  }

  static void addAgent(Allocator allocator, AgentId agent, String total) {
    allocator.addAgent(agent, r(total), Map.of());
  }

  static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  static List<OfferId> ids(Offer... offers) {
    return Arrays.stream(offers).map(Offer::id).toList();
  }

  /** Who got which agent, e.g. "a1->fw-a"; order of the run. */
  static List<String> who(List<Offer> offers) {
    return offers.stream().map(o -> o.agentId() + "->" + o.frameworkId()).toList();
  }
}
