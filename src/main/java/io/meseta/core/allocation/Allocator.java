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
 * <p>What the sorter orders are clients ({@link FrameworkClients}): a framework in one of its roles, so a
 * MULTI_ROLE framework competes once per role. Invariant, per agent: free + offered + used == total
 * ({@link AgentState}). Not thread-safe: one caller.
 */
public final class Allocator {

  private final AllocatorConfig config;
  private final Sorter sorter;
  private final AgentLedger ledger = new AgentLedger();
  private final OfferBook offerBook;
  private final RefusalFilters filters = new RefusalFilters();
  private final FrameworkClients clients;
  private final NavigableSet<AgentId> dirty = new TreeSet<>();
  private final RoleQuotas quotas = new RoleQuotas();
  private final Claims claims = new Claims();
  private final AllocationRun run;

  public Allocator(AllocatorConfig config, String offerIdPrefix) {
    this(config, offerIdPrefix, new DrfSorter());
  }

  /** With another ordering policy; the sorter must be empty and is owned by this allocator from now on. */
  public Allocator(AllocatorConfig config, String offerIdPrefix, Sorter sorter) {
    this.config = Objects.requireNonNull(config, "config");
    this.offerBook = new OfferBook(Objects.requireNonNull(offerIdPrefix, "offerIdPrefix"));
    this.sorter = Objects.requireNonNull(sorter, "sorter");
    this.clients = new FrameworkClients(sorter, filters);
    this.run = new AllocationRun(config, sorter, ledger, offerBook, filters, clients::roleOf, claims);
  }

  // ---- agents ----

  /** Adds an agent; {@code inUse} is what tasks already running there hold (agent re-registration). */
  public void addAgent(AgentId agent, Resources total, Map<FrameworkId, Resources> inUse) {
    AgentState state = ledger.add(agent, total, clients.byClient(inUse));
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
    claims.forgetAgent(agent);
    dirty.remove(agent);
    return rescinded;
  }

  // ---- frameworks ----

  /** Adds an active, unsuppressed framework; resources its tasks already hold on known agents count toward its share. */
  public void addFramework(FrameworkId framework, String role) {
    addFramework(framework, List.of(role), false);
  }

  /**
   * Adds an active, unsuppressed framework in each of {@code roles}; a MULTI_ROLE framework is one
   * client per role (its own DRF share, offers and filters per role), any other has one role.
   */
  public void addFramework(FrameworkId framework, Collection<String> roles, boolean multiRole) {
    clients.add(framework, roles, multiRole, ledger::used);
    markAgentsWithFreeResourcesDirty();
  }

  /**
   * UPDATE_FRAMEWORK: the framework's roles become {@code roles}. A removed role's offers are rescinded and
   * returned (the caller tells the framework), its filters dropped; what its tasks use stays allocated.
   */
  public List<Offer> updateRoles(FrameworkId framework, Collection<String> roles) {
    List<String> removed = clients.updateRoles(framework, roles, ledger::used);
    markAgentsWithFreeResourcesDirty();
    return returnOffers(offerBook.ofFramework(framework).stream()
        .filter(id -> offerBook.get(id).map(o -> removed.contains(o.role())).orElse(false)).toList());
  }

  /** The framework disconnected: its offers are rescinded (no filter) and it gets none until activated. */
  public List<Offer> deactivateFramework(FrameworkId framework) {
    clients.setActive(framework, false);
    return returnOffers(offerBook.ofFramework(framework));
  }

  public void activateFramework(FrameworkId framework) {
    if (clients.contains(framework)) {
      clients.setActive(framework, true);
      markAgentsWithFreeResourcesDirty();
    }
  }

  /**
   * Rescinds the framework's offers and forgets it and its filters. What its tasks still use stays allocated
   * until {@link #recover} is called for it, so a removed framework's running tasks are never over-committed.
   */
  public List<Offer> removeFramework(FrameworkId framework) {
    return clients.remove(framework) ? returnOffers(offerBook.ofFramework(framework)) : List.of();
  }

  /** Sets a role's DRF weight (default 1.0); existing offers are not rebalanced, as in Mesos. */
  public void setWeight(String role, double weight) {
    sorter.setWeight(role, weight);
  }

  /** No offers for the framework until {@link #revive}; outstanding offers stay valid (Mesos). */
  public void suppress(FrameworkId framework) {
    suppress(framework, List.of());
  }

  /** As {@link #suppress(FrameworkId)}, for the listed roles of the framework only (empty: all). */
  public void suppress(FrameworkId framework, List<String> roles) {
    clients.setSuppressed(framework, roles, true);
  }

  /** Unsuppresses the framework and drops all its refusal filters, so the next run may offer it anything. */
  public void revive(FrameworkId framework) {
    revive(framework, List.of());
  }

  /** As {@link #revive(FrameworkId)}, for the listed roles of the framework only (empty: all). */
  public void revive(FrameworkId framework, List<String> roles) {
    if (!clients.setSuppressed(framework, roles, false).isEmpty()) {
      markAgentsWithFreeResourcesDirty();
    }
  }

  /** The framework's roles, in the order they were added; empty for an unknown framework. */
  public List<String> roles(FrameworkId framework) {
    return clients.roles(framework);
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
      returnOffers(offerBook.outstandingOf(framework, offerIds));
      return rejection.get();
    }
    Offer first = offerBook.get(offerIds.get(0)).orElseThrow();
    // Validation saw one agent and one role: every offer was made to the same client.
    FrameworkId client = offerBook.client(first);
    AgentState state = ledger.get(first.agentId()).orElseThrow();
    Resources merged = Resources.EMPTY;
    for (OfferId id : offerIds) {
      Offer offer = offerBook.remove(id).orElseThrow();
      ledger.acceptOffered(state, client, offer.resources());
      merged = merged.plus(offer.resources());
    }
    return new Accepted(first.agentId(), merged, first.role());
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
      FrameworkId client = offerBook.client(offer.get());
      returnOffers(List.of(id));
      installFilter(client, offer.get().agentId(), offer.get().resources(), refuse, now);
    }
    return ignored;
  }

  /**
   * Returns resources the framework was using on the agent (task ended, unused part of an accept) to the
   * agent's free pool, refusing them for {@code refuse} (0: no filter; negative: the default). Resources no
   * longer allocated — the agent is gone, or they were recovered already — are ignored.
   */
  public void recover(FrameworkId framework, AgentId agent, Resources resources, Duration refuse, Instant now) {
    recover(framework, null, agent, resources, refuse, now);
  }

  /**
   * As {@link #recover(FrameworkId, AgentId, Resources, Duration, Instant)}, from what the framework holds in
   * {@code role} (null: in whichever of its roles holds them, as after a task ends).
   */
  public void recover(FrameworkId framework, String role, AgentId agent, Resources resources, Duration refuse,
      Instant now) {
    Optional<AgentState> state = ledger.get(agent);
    if (state.isEmpty()) {
      return;
    }
    FrameworkId client = clients.holding(state.get(), framework, role, resources);
    Resources recovered = ledger.recoverUsed(state.get(), client, resources);
    if (recovered.isEmpty()) {
      return;
    }
    if (sorter.contains(client)) {
      sorter.unallocated(client, recovered);
    }
    dirty.add(agent);
    if (!quotas.isEmpty()) {
      // The role's consumption fell: agents its limit held back may now be offered to it.
      markAgentsWithFreeResourcesDirty();
    }
    if (clients.isClient(client)) {
      installFilter(client, agent, recovered, refuse, now);
    }
  }

  /**
   * Replaces {@code from}, accepted by the framework on the agent for {@code role}, by {@code to}: the same
   * quantities in other roles (RESERVE, UNRESERVE). The agent's total changes with them, so what is
   * later recovered of {@code to} is free in its new roles. Shares are unchanged: they count
   * quantities, whatever the role.
   */
  public void convert(FrameworkId framework, String role, AgentId agent, Resources from, Resources to) {
    if (!from.withoutRoles().equals(to.withoutRoles())) {
      throw new IllegalArgumentException("a conversion keeps quantities; '" + from.toText()
          + "' and '" + to.toText() + "' differ");
    }
    ledger.get(agent).ifPresent(state -> ledger.convertUsed(state,
        clients.holding(state, framework, role, from), from, to));
  }

  /** An operator's RESERVE or UNRESERVE: free {@code from} on the agent becomes {@code to}; false if not free. */
  public boolean convertFree(AgentId agent, Resources from, Resources to) {
    Optional<AgentState> state = ledger.get(agent);
    if (state.isEmpty() || !state.get().free().contains(from) || !from.withoutRoles().equals(to.withoutRoles())) {
      return false;
    }
    ledger.convertFree(state.get(), from, to);
    dirty.add(agent);
    return true;
  }

  /** Rescinds one offer (operator, offer timeout): resources back, no filter. Returns {@code [offer]} or {@code []}. */
  public List<Offer> rescind(OfferId id) {
    return returnOffers(List.of(id));
  }

  // ---- allocation ----

  /** One allocation run over the dirty agents, in agent-id order (reproducible); returns the offers made. */
  public List<Offer> allocate(Instant now) {
    filters.expire(now).stream().filter(agent -> ledger.get(agent).isPresent()).forEach(dirty::add);
    dirty.addAll(claims.expire(now)); // what a lapsed claim held is anyone's again
    if (dirty.isEmpty()) {
      return List.of();
    }
    List<AgentId> walk = new ArrayList<>(dirty);
    dirty.clear();
    return run.walk(walk, now, quotas.isEmpty() ? null : quotas.guard(clients, ledger));
  }

  /** Holds the agent for the claim's framework ({@link Claim}); served in the next runs. */
  public void claim(Claim claim) {
    if (ledger.get(claim.agent()).isPresent()) {
      claims.add(claim, clients.client(claim.framework(), claim.role()));
      dirty.add(claim.agent());
    }
  }

  /** Live claims (lapsed ones go at the next run), oldest first per agent. */
  public List<Claim> claims() {
    return claims.all();
  }

  // ---- quota ----

  /**
   * Sets (or, with null, removes) a role's quota. Every agent with free resources is looked at
   * again; the role's outstanding offers are rescinded when its limit shrinks, as in Mesos, and
   * returned so the caller can tell their frameworks.
   */
  public List<Offer> setQuota(String role, Quota quota) {
    Objects.requireNonNull(role, "role");
    boolean limitShrank = quotas.set(role, quota);
    markAgentsWithFreeResourcesDirty();
    if (!limitShrank) {
      return List.of();
    }
    return returnOffers(offerBook.all().stream().filter(o -> o.role().equals(role)).map(Offer::id).toList());
  }

  public Map<String, Quota> quotas() {
    return quotas.all();
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
      offerBook.get(id).ifPresent(offer -> {
        FrameworkId client = offerBook.client(offer);
        offerBook.remove(id);
        ledger.get(offer.agentId()).ifPresent(state -> ledger.returnOffered(state, client, offer.resources()));
        if (sorter.contains(client)) {
          sorter.unallocated(client, offer.resources());
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

  private void markAgentsWithFreeResourcesDirty() {
    ledger.all().stream().filter(a -> !a.free().isEmpty()).forEach(a -> dirty.add(a.id()));
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
    return clients.sum(framework, client -> ledger.used(client).plus(ledger.offered(client)));
  }

  public Resources offered(FrameworkId framework) {
    return clients.sum(framework, ledger::offered);
  }

  /** In use by the framework's tasks in one of its roles (offers excluded), across agents. */
  public Resources used(FrameworkId framework, String role) {
    return ledger.used(clients.client(framework, role));
  }

  /** Offered plus in use, per framework (all its roles together), on one agent. */
  public Map<FrameworkId, Resources> allocations(AgentId agent) {
    return FrameworkClients.byFramework(ledger.get(agent).map(AgentState::allocations).orElse(Map.of()));
  }

  /** The framework's share; for a MULTI_ROLE framework, the largest of its roles' shares. */
  public double dominantShare(FrameworkId framework) {
    return clients.clients(framework).stream().mapToDouble(sorter::share).max()
        .orElse(sorter.share(framework));
  }

  /** The framework's share in one of its roles. */
  public double dominantShare(FrameworkId framework, String role) {
    return sorter.share(clients.client(framework, role));
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
