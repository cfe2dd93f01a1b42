package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent's books. Every resource of the agent is in exactly one place: free, offered to a framework, or
 * in use by a framework's tasks ({@code free + Σ offered + Σ used == total}). Each method moves resources
 * between two places, so the invariant cannot be broken by a single call; {@link Resources#minus} throws
 * rather than let a place go negative.
 */
final class AgentState {

  private final AgentId id;
  private Resources total;
  private Resources free;
  private final Map<FrameworkId, Resources> offered = new HashMap<>();
  private final Map<FrameworkId, Resources> used = new HashMap<>();

  AgentState(AgentId id, Resources total, Map<FrameworkId, Resources> inUse) {
    this.id = id;
    this.total = total;
    Resources remaining = total;
    for (Map.Entry<FrameworkId, Resources> entry : inUse.entrySet()) {
      if (!remaining.contains(entry.getValue())) {
        throw new IllegalArgumentException("agent " + id + ": resources in use by " + entry.getKey() + " ("
            + entry.getValue().toText() + ") do not fit in what is left of its total (" + remaining.toText() + ")");
      }
      remaining = remaining.minus(entry.getValue());
      if (!entry.getValue().isEmpty()) {
        used.merge(entry.getKey(), entry.getValue(), Resources::plus);
      }
    }
    this.free = remaining;
  }

  AgentId id() {
    return id;
  }

  Resources total() {
    return total;
  }

  Resources free() {
    return free;
  }

  /** Offered plus used, per framework: everything on this agent that is not free. */
  Map<FrameworkId, Resources> allocations() {
    Map<FrameworkId, Resources> all = new HashMap<>(used);
    offered.forEach((fw, r) -> all.merge(fw, r, Resources::plus));
    return Collections.unmodifiableMap(all);
  }

  Map<FrameworkId, Resources> used() {
    return Collections.unmodifiableMap(used);
  }

  Resources offeredTo(FrameworkId framework) {
    return offered.getOrDefault(framework, Resources.EMPTY);
  }

  Resources usedBy(FrameworkId framework) {
    return used.getOrDefault(framework, Resources.EMPTY);
  }

  boolean holdsAnything(FrameworkId framework) {
    return offered.containsKey(framework) || used.containsKey(framework);
  }

  void offer(FrameworkId framework, Resources resources) {
    free = free.minus(resources);
    offered.merge(framework, resources, Resources::plus);
  }

  void returnOffered(FrameworkId framework, Resources resources) {
    take(offered, framework, resources);
    free = free.plus(resources);
  }

  void acceptOffered(FrameworkId framework, Resources resources) {
    take(offered, framework, resources);
    used.merge(framework, resources, Resources::plus);
  }

  /**
   * Replaces {@code from}, which {@code framework} uses here, by {@code to} of the same quantities
   * in other roles (a RESERVE or UNRESERVE): the agent's total changes the same way, so the
   * invariant holds.
   */
  void convertUsed(FrameworkId framework, Resources from, Resources to) {
    take(used, framework, from);
    total = total.minus(from).plus(to);
    if (!to.isEmpty()) {
      used.merge(framework, to, Resources::plus);
    }
  }

  /** Replaces free {@code from} by {@code to} of the same quantities in other roles (an operator's RESERVE). */
  void convertFree(Resources from, Resources to) {
    free = free.minus(from).plus(to);
    total = total.minus(from).plus(to);
  }

  /**
   * Frees what {@code framework} uses of {@code resources}; returns what was actually freed. Resources no
   * longer in use (a late or repeated recover) are ignored rather than freed twice.
   */
  Resources recoverUsed(FrameworkId framework, Resources resources) {
    Resources inUse = used.getOrDefault(framework, Resources.EMPTY);
    Resources recovered = inUse.contains(resources) ? resources : overlap(inUse, resources);
    if (!recovered.isEmpty()) {
      take(used, framework, recovered);
      free = free.plus(recovered);
    }
    return recovered;
  }

  /**
   * The part of {@code wanted} that {@code held} holds: whole entries it holds, and for scalars held only in
   * part, the smaller amount. A range or set entry held only in part is left out: freeing less is safe,
   * freeing what is not held would over-commit the agent.
   */
  private static Resources overlap(Resources held, Resources wanted) {
    List<Resource> common = new ArrayList<>();
    for (Resource entry : wanted.entries()) {
      if (held.contains(Resources.of(List.of(entry)))) {
        common.add(entry);
      } else if (entry instanceof Resource.Scalar scalar) {
        long heldMillis = held.reservedTo(scalar.role()).scalarMillis(scalar.name());
        common.add(new Resource.Scalar(scalar.name(), scalar.role(), Math.min(heldMillis, scalar.millis())));
      }
    }
    return Resources.of(common);
  }

  private static void take(Map<FrameworkId, Resources> from, FrameworkId framework, Resources resources) {
    Resources held = from.getOrDefault(framework, Resources.EMPTY);
    Resources left = held.minus(resources);
    if (left.isEmpty()) {
      from.remove(framework);
    } else {
      from.put(framework, left);
    }
  }
}
