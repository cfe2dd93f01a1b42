package io.meseta.core.allocation;

import io.meseta.core.allocation.AcceptResult.Accepted;
import io.meseta.core.allocation.AcceptResult.Rejected;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides offers, the way Mesos' hierarchical allocator does, without sending anything: each method returns
 * the offers made or rescinded and the caller carries them out. Time comes in as {@code now}.
 *
 * <p>Allocation is incremental: only <em>dirty</em> agents — whose free resources grew, whose refusal filters
 * expired, or all agents with free resources when a framework arrives, comes back or revives — are walked by
 * {@link #allocate}, so a run with nothing dirty costs next to nothing and a burst of triggers costs one run.
 * Each dirty agent's free resources go, whole, as one offer to the first framework in {@link Sorter} order
 * that may take them; what that framework's role cannot use (reservations for other roles) goes on to the
 * next framework in the same run.
 *
 * <p>Invariant, per agent: free + offered + used == total ({@link AgentState}). Not thread-safe: one caller.
 */
public final class Allocator {

  private static final class FrameworkState {
    final String role;
    boolean active = true;
    boolean suppressed;

    FrameworkState(String role) {
      this.role = role;
    }
  }

  private final AllocatorConfig config;
  private final Sorter sorter;
  private final AgentLedger ledger = new AgentLedger();
  private final OfferBook offerBook;
  private final RefusalFilters filters = new RefusalFilters();
  private final Map<FrameworkId, FrameworkState> frameworks = new HashMap<>();
  private final NavigableSet<AgentId> dirty = new TreeSet<>();
  private final Map<String, Quota> quotas = new HashMap<>();
  private final AllocationRun run;

  public Allocator(AllocatorConfig config, String offerIdPrefix) {
    this(config, offerIdPrefix, new DrfSorter());
  }

  /** With another ordering policy; the sorter must be empty and is owned by this allocator from now on. */
  public Allocator(AllocatorConfig config, String offerIdPrefix, Sorter sorter) {
    this.config = Objects.requireNonNull(config, "config");
    this.offerBook = new OfferBook(Objects.requireNonNull(offerIdPrefix, "offerIdPrefix"));
    this.sorter = Objects.requireNonNull(sorter, "sorter");
    this.run = new AllocationRun(config, sorter, ledger, offerBook, filters, fw -> frameworks.get(fw).role);
  }

  // ---- agents ----

  /** Adds an agent; {@code inUse} is what tasks already running there hold (agent re-registration). */
  public void addAgent(AgentId agent, Resources total, Map<FrameworkId, Resources> inUse) {
    AgentState state = ledger.add(agent, total, inUse);
    state.used().forEach((fw, r) -> {
      if (sorter.contains(fw)) {
        sorter.allocated(fw, r);
      }
    });
    sorter.setTotal(ledger.scalarTotal());
    dirty.add(agent);
  }

  /** Rescinds the agent's offers and forgets it with everything allocated there; returns the rescinded offers. */
  public List<Offer> removeAgent(AgentId agent) {
    List<Offer> rescinded = returnOffers(offerBook.onAgent(agent));
    ledger.remove(agent).ifPresent(state -> {
      state.used().forEach((fw, r) -> {
        if (sorter.contains(fw)) {
          sorter.unallocated(fw, r);
        }
      });
      sorter.setTotal(ledger.scalarTotal());
    });
    filters.forgetAgent(agent);
    dirty.remove(agent);
    return rescinded;
  }

  // ---- frameworks ----

  /** Adds an active, unsuppressed framework; resources its tasks already hold on known agents count toward its share. */
  public void addFramework(FrameworkId framework, String role) {
    Objects.requireNonNull(role, "role");
    if (frameworks.containsKey(framework)) {
      throw new IllegalStateException("framework " + framework + " is already added; remove it first to change its role");
    }
    frameworks.put(framework, new FrameworkState(role));
    sorter.add(framework, role, ledger.used(framework));
    sorter.activate(framework);
    markAgentsWithFreeResourcesDirty();
  }

  /** The framework disconnected: its offers are rescinded (no filter) and it gets none until activated. */
  public List<Offer> deactivateFramework(FrameworkId framework) {
    FrameworkState state = frameworks.get(framework);
    if (state == null) {
      return List.of();
    }
    state.active = false;
    syncSorter(framework, state);
    return returnOffers(offerBook.ofFramework(framework));
  }

  public void activateFramework(FrameworkId framework) {
    FrameworkState state = frameworks.get(framework);
    if (state != null) {
      state.active = true;
      syncSorter(framework, state);
      markAgentsWithFreeResourcesDirty();
    }
  }

  /**
   * Rescinds the framework's offers and forgets it and its filters. What its tasks still use stays allocated
   * until {@link #recover} is called for it, so a removed framework's running tasks are never over-committed.
   */
  public List<Offer> removeFramework(FrameworkId framework) {
    if (!frameworks.containsKey(framework)) {
      return List.of();
    }
    List<Offer> rescinded = returnOffers(offerBook.ofFramework(framework));
    frameworks.remove(framework);
    filters.clear(framework);
    sorter.remove(framework);
    return rescinded;
  }

  /** Sets a role's DRF weight (default 1.0); existing offers are not rebalanced, as in Mesos. */
  public void setWeight(String role, double weight) {
    sorter.setWeight(role, weight);
  }

  /** No offers for the framework until {@link #revive}; outstanding offers stay valid (Mesos). */
  public void suppress(FrameworkId framework) {
    FrameworkState state = frameworks.get(framework);
    if (state != null) {
      state.suppressed = true;
      syncSorter(framework, state);
    }
  }

  /** Unsuppresses the framework and drops all its refusal filters, so the next run may offer it anything. */
  public void revive(FrameworkId framework) {
    FrameworkState state = frameworks.get(framework);
    if (state != null) {
      state.suppressed = false;
      filters.clear(framework);
      syncSorter(framework, state);
      markAgentsWithFreeResourcesDirty();
    }
  }

  // ---- offers ----

  /**
   * Consumes the offers and keeps their merged resources allocated to the framework; the caller recovers what
   * its operations leave unused. Validation follows Mesos: on rejection, the framework's still-valid offers
   * in the list are discarded and their resources go back to the agent.
   */
  public AcceptResult accept(FrameworkId framework, List<OfferId> offerIds) {
    Optional<Rejected> rejection = AcceptValidation.check(framework, offerIds, offerBook::get);
    if (rejection.isPresent()) {
      List<OfferId> stillValid = new ArrayList<>();
      for (OfferId id : new LinkedHashSet<>(offerIds)) {
        offerBook.get(id).filter(o -> o.frameworkId().equals(framework)).ifPresent(o -> stillValid.add(id));
      }
      returnOffers(stillValid);
      return rejection.get();
    }
    AgentId agent = offerBook.get(offerIds.get(0)).orElseThrow().agentId();
    AgentState state = ledger.get(agent).orElseThrow();
    Resources merged = Resources.EMPTY;
    for (OfferId id : offerIds) {
      Offer offer = offerBook.remove(id).orElseThrow();
      ledger.acceptOffered(state, framework, offer.resources());
      merged = merged.plus(offer.resources());
    }
    return new Accepted(agent, merged);
  }

  /**
   * Declines the framework's offers, refusing their resources for {@code refuse} (negative: the default).
   * Returns the ids that were ignored because they are unknown or not the framework's.
   */
  public List<OfferId> decline(FrameworkId framework, List<OfferId> offerIds, Duration refuse, Instant now) {
    List<OfferId> ignored = new ArrayList<>();
    for (OfferId id : new LinkedHashSet<>(offerIds)) {
      Optional<Offer> offer = offerBook.get(id).filter(o -> o.frameworkId().equals(framework));
      if (offer.isEmpty()) {
        ignored.add(id);
        continue;
      }
      returnOffers(List.of(id));
      installFilter(framework, offer.get().agentId(), offer.get().resources(), refuse, now);
    }
    return ignored;
  }

  /**
   * Returns resources the framework was using on the agent (task ended, unused part of an accept) to the
   * agent's free pool, refusing them for {@code refuse} (0: no filter; negative: the default). Resources no
   * longer allocated — the agent is gone, or they were recovered already — are ignored.
   */
  public void recover(FrameworkId framework, AgentId agent, Resources resources, Duration refuse, Instant now) {
    Optional<AgentState> state = ledger.get(agent);
    if (state.isEmpty()) {
      return;
    }
    Resources recovered = ledger.recoverUsed(state.get(), framework, resources);
    if (recovered.isEmpty()) {
      return;
    }
    if (sorter.contains(framework)) {
      sorter.unallocated(framework, recovered);
    }
    dirty.add(agent);
    if (!quotas.isEmpty()) {
      // The role's consumption fell: agents its limit held back may now be offered to it.
      markAgentsWithFreeResourcesDirty();
    }
    if (frameworks.containsKey(framework)) {
      installFilter(framework, agent, recovered, refuse, now);
    }
  }

  /** Rescinds one offer (operator, offer timeout): resources back, no filter. Returns {@code [offer]} or {@code []}. */
  public List<Offer> rescind(OfferId id) {
    return returnOffers(List.of(id));
  }

  // ---- allocation ----

  /** One allocation run over the dirty agents, in agent-id order (reproducible); returns the offers made. */
  public List<Offer> allocate(Instant now) {
    for (AgentId agent : filters.expire(now)) {
      if (ledger.get(agent).isPresent()) {
        dirty.add(agent);
      }
    }
    if (dirty.isEmpty()) {
      return List.of();
    }
    List<AgentId> walk = new ArrayList<>(dirty);
    dirty.clear();
    return run.walk(walk, now, quotas.isEmpty() ? null : quotaGuard());
  }

  // ---- quota ----

  /**
   * Sets (or, with null, removes) a role's quota. Every agent with free resources is looked at
   * again; the role's outstanding offers are rescinded when its limit shrinks, as in Mesos, and
   * returned so the caller can tell their frameworks.
   */
  public List<Offer> setQuota(String role, Quota quota) {
    Objects.requireNonNull(role, "role");
    Quota before = quota == null ? quotas.remove(role) : quotas.put(role, quota);
    markAgentsWithFreeResourcesDirty();
    boolean limitShrank = quota != null && !quota.limit().isEmpty()
        && (before == null || before.limit().isEmpty()
            || !quota.limit().containsQuantities(before.limit()));
    if (!limitShrank) {
      return List.of();
    }
    List<OfferId> ofRole = offerBook.all().stream()
        .filter(o -> role.equals(frameworks.containsKey(o.frameworkId())
            ? frameworks.get(o.frameworkId()).role : null))
        .map(Offer::id)
        .toList();
    return returnOffers(ofRole);
  }

  public Map<String, Quota> quotas() {
    return Map.copyOf(quotas);
  }

  /** What every role holds now, and what is free and unreserved, for this run's quota checks. */
  private QuotaGuard quotaGuard() {
    Map<String, Resources> consumed = new HashMap<>();
    frameworks.forEach((fw, state) -> consumed.merge(state.role,
        ledger.used(fw).plus(ledger.offered(fw)).scalarsOnly(), Resources::plus));
    Resources free = Resources.EMPTY;
    for (AgentState agent : ledger.all()) {
      free = free.plus(agent.free().unreserved().scalarsOnly());
    }
    return new QuotaGuard(quotas, consumed, free);
  }

  public boolean hasDirtyAgents() {
    return !dirty.isEmpty();
  }

  /** When the next refusal filter expires (its agent then becomes dirty), so the caller can run no later. */
  public Optional<Instant> nextFilterExpiry() {
    return filters.nextExpiry();
  }

  // ---- helpers ----

  /** Removes the listed offers that exist, gives their resources back to their agents; returns them. */
  private List<Offer> returnOffers(List<OfferId> ids) {
    List<Offer> returned = new ArrayList<>();
    for (OfferId id : ids) {
      offerBook.remove(id).ifPresent(offer -> {
        ledger.get(offer.agentId()).ifPresent(state -> ledger.returnOffered(state, offer.frameworkId(), offer.resources()));
        if (sorter.contains(offer.frameworkId())) {
          sorter.unallocated(offer.frameworkId(), offer.resources());
        }
        dirty.add(offer.agentId());
        returned.add(offer);
      });
    }
    return returned;
  }

  private void installFilter(FrameworkId framework, AgentId agent, Resources refused, Duration refuse, Instant now) {
    Duration asked = refuse.isNegative() ? config.defaultRefuse() : refuse;
    if (!asked.isZero()) {
      filters.install(framework, agent, refused, now.plus(RefusalFilters.lifetime(asked, config.allocationInterval())));
    }
  }

  private void syncSorter(FrameworkId framework, FrameworkState state) {
    if (state.active && !state.suppressed) {
      sorter.activate(framework);
    } else {
      sorter.deactivate(framework);
    }
  }

  private void markAgentsWithFreeResourcesDirty() {
    for (AgentState agent : ledger.all()) {
      if (!agent.free().isEmpty()) {
        dirty.add(agent.id());
      }
    }
  }

  // ---- read-only views ----

  public Resources total(AgentId agent) {
    return ledger.get(agent).map(AgentState::total).orElse(Resources.EMPTY);
  }

  public Resources free(AgentId agent) {
    return ledger.get(agent).map(AgentState::free).orElse(Resources.EMPTY);
  }

  /**
   * Offered plus in use by the framework's tasks, added up across agents. A view: ranges of different agents
   * add up as a union (every agent has port 31000), so use {@link #allocations} for per-agent exactness.
   */
  public Resources allocated(FrameworkId framework) {
    return ledger.used(framework).plus(ledger.offered(framework));
  }

  public Resources offered(FrameworkId framework) {
    return ledger.offered(framework);
  }

  /** Offered plus in use, per framework, on one agent. */
  public Map<FrameworkId, Resources> allocations(AgentId agent) {
    return ledger.get(agent).map(AgentState::allocations).orElse(Map.of());
  }

  public double dominantShare(FrameworkId framework) {
    return sorter.share(framework);
  }

  public Optional<Offer> offer(OfferId id) {
    return offerBook.get(id);
  }

  /** Outstanding offers, oldest first. */
  public Collection<Offer> offers() {
    return offerBook.all();
  }

  public Resources clusterTotal() {
    return ledger.clusterTotal();
  }
}
