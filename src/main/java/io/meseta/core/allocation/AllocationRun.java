package io.meseta.core.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The body of one allocation run over some agents (Mesos' fair-share stage): each agent's free resources go,
 * whole, to the first framework in sorter order that may take them, and the sorter re-ranks before the next
 * agent. Offers are coarse on purpose — fragments merged, never piecemeal — so a framework sees the agent as
 * it is. What the chosen role cannot use (reservations for other roles) goes on to the next framework.
 * "Framework" here means an allocator client ({@link FrameworkClients}): one framework in one role.
 */
final class AllocationRun {

  private record Choice(FrameworkId framework, Resources resources) {}

  /** What one role could be offered of the agent, and whether that meets min_allocatable. */
  private record RoleSlice(Resources resources, boolean allocatable) {}

  private final AllocatorConfig config;
  private final Sorter sorter;
  private final AgentLedger ledger;
  private final OfferBook offerBook;
  private final RefusalFilters filters;
  private final Function<FrameworkId, String> roleOf;
  private final Claims claims;

  AllocationRun(AllocatorConfig config, Sorter sorter, AgentLedger ledger, OfferBook offerBook,
      RefusalFilters filters, Function<FrameworkId, String> roleOf, Claims claims) {
    this.config = config;
    this.claims = claims;
    this.sorter = sorter;
    this.ledger = ledger;
    this.offerBook = offerBook;
    this.filters = filters;
    this.roleOf = roleOf;
  }

  /** Walks the agents in the given order; returns the offers made. */
  List<Offer> walk(Collection<AgentId> agents, Instant now) {
    return walk(agents, now, null);
  }

  /**
   * With quotas: a first pass over the agents serves roles below their guarantee, a second is
   * fair share within limits and headroom (Mesos' two stages).
   */
  List<Offer> walk(Collection<AgentId> agents, Instant now, QuotaGuard quotas) {
    List<Offer> made = new ArrayList<>();
    Map<AgentId, Set<FrameworkId>> offeredHere = new HashMap<>();
    if (quotas != null) {
      for (AgentId agent : agents) {
        ledger.get(agent).ifPresent(state -> allocate(state, now, made,
            offeredHere.computeIfAbsent(agent, a -> new HashSet<>()), quotas, true));
      }
    }
    for (AgentId agent : agents) {
      ledger.get(agent).ifPresent(state -> allocate(state, now, made,
          offeredHere.computeIfAbsent(agent, a -> new HashSet<>()), quotas, false));
    }
    return made;
  }

  private void allocate(AgentState agent, Instant now, List<Offer> made,
      Set<FrameworkId> offeredHere, QuotaGuard quotas, boolean guaranteeStage) {
    if (!serveClaim(agent, now, made, offeredHere, quotas)) {
      return;
    }
    while (!agent.free().isEmpty()) {
      Optional<Choice> choice = choose(agent, now, offeredHere, quotas, guaranteeStage);
      if (choice.isEmpty()) {
        return;
      }
      offer(agent, choice.get().framework(), choice.get().resources(), made, offeredHere, quotas);
    }
  }

  private void offer(AgentState agent, FrameworkId framework, Resources resources,
      List<Offer> made, Set<FrameworkId> offeredHere, QuotaGuard quotas) {
    ledger.offer(agent, framework, resources);
    sorter.allocated(framework, resources);
    if (quotas != null) {
      quotas.charge(roleOf.apply(framework), resources);
    }
    made.add(offerBook.create(framework, roleOf.apply(framework), agent.id(), resources));
    offeredHere.add(framework);
  }

  /**
   * A live claim on the agent comes before the sorter: once the freed resources cover what it
   * needs they go to its framework first, whatever its rank, and until then the agent is held
   * (false: offer nothing of it now), so the room being made is not handed out piece by piece.
   * What the framework already holds on offer there counts toward the claim: it is part of the
   * room, merely handed over earlier. Refusal filters do not apply: the claim answers the
   * framework's own declared demand. A framework that cannot take offers now (gone,
   * disconnected, suppressed) loses the claim.
   */
  private boolean serveClaim(AgentState agent, Instant now, List<Offer> made,
      Set<FrameworkId> offeredHere, QuotaGuard quotas) {
    Optional<Claims.Held> claim = claims.on(agent.id(), now);
    if (claim.isEmpty()) {
      return true;
    }
    FrameworkId client = claim.get().client();
    if (!takesOffers(client) || offeredHere.contains(client)) {
      claims.drop(claim.get());
      return true;
    }
    Resources slice = agent.free().allocatableTo(roleOf.apply(client));
    if (!slice.plus(agent.offeredTo(client)).containsQuantities(claim.get().claim().needed())) {
      return false;
    }
    claims.drop(claim.get());
    if (!slice.isEmpty()) {
      offer(agent, client, slice, made, offeredHere, quotas);
    }
    return true;
  }

  private boolean takesOffers(FrameworkId client) {
    if (roleOf.apply(client) == null) {
      return false;
    }
    for (FrameworkId active : sorter.sorted()) {
      if (active.equals(client)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first framework in sorter order that may take this agent's free resources. Cheapest checks first:
   * the role's slice and whether it meets min_allocatable (both once per role: they depend only on the role),
   * then refusal filters. The sorter lists only active, unsuppressed frameworks, so those need no check here.
   */
  private Optional<Choice> choose(AgentState agent, Instant now, Set<FrameworkId> offeredHere,
      QuotaGuard quotas, boolean guaranteeStage) {
    // Most clusters run most frameworks under one role: remember the last role's slice before
    // falling back to a map, which is then only built when a second role shows up.
    String lastRole = null;
    RoleSlice last = null;
    Map<String, RoleSlice> sliceByRole = null;
    for (FrameworkId framework : sorter.sorted()) {
      if (offeredHere.contains(framework)) {
        continue;
      }
      String frameworkRole = roleOf.apply(framework);
      if (guaranteeStage && !quotas.belowGuarantee(frameworkRole)) {
        continue;
      }
      if (!frameworkRole.equals(lastRole)) {
        if (last != null) {
          if (sliceByRole == null) {
            sliceByRole = new HashMap<>();
          }
          sliceByRole.put(lastRole, last);
        }
        RoleSlice known = sliceByRole == null ? null : sliceByRole.get(frameworkRole);
        last = known != null ? known : slice(agent, frameworkRole, quotas, guaranteeStage);
        lastRole = frameworkRole;
      }
      if (last.allocatable() && !filters.blocks(framework, agent.id(), last.resources(), now)) {
        return Optional.of(new Choice(framework, last.resources()));
      }
    }
    return Optional.empty();
  }

  private RoleSlice slice(AgentState agent, String role, QuotaGuard quotas, boolean guaranteeStage) {
    Resources allocatable = agent.free().allocatableTo(role);
    if (quotas != null) {
      allocatable = guaranteeStage
          ? quotas.capToGuarantee(role, allocatable)
          : quotas.capForFairShare(role, allocatable);
    }
    return new RoleSlice(allocatable, config.allocatable(allocatable));
  }
}
