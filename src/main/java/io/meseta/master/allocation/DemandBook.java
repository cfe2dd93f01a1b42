package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.Fragmentation;
import io.meseta.core.placement.TaskShape;
import io.meseta.core.preemption.Demand;
import io.meseta.core.resources.Resources;
import io.meseta.master.bus.Messages;
import io.meseta.master.bus.Messages.AgentDescriptor;
import io.meseta.protocol.StateJson;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pending demand as its sources last declared it (each declaration replaces the source's
 * previous one), and the fragmentation of the cluster's free resources relative to it.
 */
final class DemandBook {
  private final Map<String, List<Demand>> bySource = new HashMap<>();

  void declare(String source, List<Demand> demand) {
    if (demand.isEmpty()) {
      bySource.remove(source);
    } else {
      bySource.put(source, List.copyOf(demand));
    }
  }

  /**
   * Which framework declared each pending demand, where a framework did (the job service and
   * REQUEST do). Keyed by identity, so equal demands of two frameworks stay apart; the keys are
   * the very objects {@link #all} returns until the next declaration.
   */
  Map<Demand, FrameworkId> declarers() {
    Map<Demand, FrameworkId> by = new IdentityHashMap<>();
    bySource.forEach((source, list) -> Messages.DemandDeclared.frameworkOf(source)
        .ifPresent(framework -> list.forEach(d -> by.put(d, framework))));
    return by;
  }

  List<Demand> all() {
    List<Demand> all = new ArrayList<>();
    bySource.values().forEach(all::addAll);
    return all;
  }

  /** For state and metrics: pending task count, fragmented shares, largest placeable block. */
  JsonObject fragmentationJson(Allocator allocator, Map<AgentId, AgentDescriptor> agents) {
    List<Candidate> candidates = candidates(allocator, agents);
    List<TaskShape> shapes = all().stream().map(Demand::shape).toList();
    Fragmentation f = Fragmentation.measure(shapes, candidates);
    JsonObject shares = new JsonObject();
    f.fragmentedShare().forEach(shares::put);
    return new JsonObject()
        .put("pending_tasks", shapes.size())
        .put("fragmented_share", shares)
        .put("largest_placeable", StateJson.flatResources(f.largestPlaceable()));
  }

  /**
   * Agents with what no task uses: free plus offered, since an offer that is only held is
   * capacity a pending task could have.
   */
  static List<Candidate> candidates(Allocator allocator, Map<AgentId, AgentDescriptor> agents) {
    Map<AgentId, Resources> offered = new HashMap<>();
    allocator.offers().forEach(o -> offered.merge(o.agentId(), o.resources(), Resources::plus));
    List<Candidate> candidates = new ArrayList<>();
    agents.forEach((id, agent) -> candidates.add(new Candidate(id, agent.hostname(),
        agent.attributes(), allocator.total(id),
        allocator.free(id).plus(offered.getOrDefault(id, Resources.EMPTY)))));
    return candidates;
  }
}
