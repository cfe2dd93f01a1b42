package io.meseta.loadtest.bench;

import io.meseta.core.allocation.AcceptResult;
import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.AllocatorConfig;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import io.meseta.loadtest.sim.TaskPacker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The Meseta side of the placement comparison: the pure {@link Allocator} offers every host to one framework;
 * a batch packs its tasks first-fit into the outstanding offers ({@link TaskPacker}), accepts each offer used,
 * gives back the unused rest without a filter, and runs the allocator so those rests are offered again — the
 * core of what the master and a framework do per batch, without sockets or JSON.
 */
final class MesetaWorkload {
  private static final FrameworkId FRAMEWORK = FrameworkId.of("placement");

  private final Allocator allocator = new Allocator(AllocatorConfig.defaults(), "placement");
  private final ArrayDeque<Offer> offers = new ArrayDeque<>();
  private final Instant now = Instant.parse("2025-01-01T00:00:00Z");

  MesetaWorkload(int hosts, Resources perHost) {
    for (int i = 0; i < hosts; i++) {
      allocator.addAgent(AgentId.of("host-" + i), perHost, Map.of());
    }
    allocator.addFramework(FRAMEWORK, "*");
    offers.addAll(allocator.allocate(now));
  }

  /** Places up to {@code count} tasks of {@code task}; returns how many were placed. */
  int placeBatch(int count, Resources task) {
    int placed = 0;
    while (placed < count && !offers.isEmpty()) {
      Offer offer = offers.poll();
      int fit = TaskPacker.fit(offer.resources(), task, count - placed);
      if (fit == 0) {
        allocator.decline(FRAMEWORK, List.of(offer.id()), Duration.ofDays(1), now);
        continue;
      }
      AcceptResult.Accepted accepted = (AcceptResult.Accepted) allocator.accept(FRAMEWORK, List.of(offer.id()));
      Resources used = Resources.EMPTY;
      for (int i = 0; i < fit; i++) {
        used = used.plus(task);
      }
      allocator.recover(FRAMEWORK, accepted.agentId(), accepted.resources().minus(used), Duration.ZERO, now);
      placed += fit;
    }
    offers.addAll(allocator.allocate(now));
    return placed;
  }
}
