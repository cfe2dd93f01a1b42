package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.AllocatorConfig;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import io.meseta.core.placement.TaskShape;
import io.meseta.core.preemption.Demand;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.master.operator.Counters;
import io.meseta.master.operator.RunTimer;
import io.meseta.master.state.MemoryStateStore;
import io.meseta.master.state.StateStore;
import io.meseta.protocol.SchedulerEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin adapter around the pure {@link Allocator}: feeds it cluster events, runs allocation
 * (coalesced: one run per burst of events, and at least every allocation interval), and turns
 * its decisions into OFFERS and RESCIND events. ACCEPT is validated here against the offers and
 * handed to the task tracker for the per-task checks.
 */
public final class AllocatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AllocatorVerticle.class);

  private final MasterConfig config;
  private final Allocator allocator;
  private final Map<FrameworkId, Messages.FrameworkAdded> frameworks = new HashMap<>();
  private final Map<io.meseta.core.model.AgentId, Messages.AgentDescriptor> agents =
      new HashMap<>();
  private final OfferTimeouts offerTimeouts;
  private final DemandBook demand = new DemandBook();
  private final PreemptionLoop preemption;
  private boolean runScheduled;
  /** Mesos' allocator/mesos/allocation_run_ms over its last 1000 runs, and the run count. */
  private final RunTimer runTimer = new RunTimer("allocator/mesos/allocation_run_ms", 1000);
  /** Offers by fate, for Prometheus; a timed-out offer is counted as rescinded too. */
  private final Counters offerCounters = new Counters().declare("allocator/offers_sent",
      "allocator/offers_declined", "allocator/offers_rescinded", "allocator/offers_timed_out");
  private EventBus bus;
  private final StateStore store;
  private final long leaderEpoch;
  /** Operators' weights and quotas; created in start(), where the context is known. */
  private RolePolicies policies;
  /** Dynamic reservations per agent; created in start(), like policies. */
  private ReservationBook reservations;
  private AcceptCalls accepts;
  private OperatorReservations operatorReservations;

  /** With a store of its own: for tests and tools that need no durable state. */
  public AllocatorVerticle(MasterIdentity identity, MasterConfig config) {
    this(identity, config, new MemoryStateStore(), 1);
  }

  /**
   * @param store where weights and quotas are written through and loaded from at start
   * @param leaderEpoch this leader's fencing token, stamped on every write
   */
  public AllocatorVerticle(MasterIdentity identity, MasterConfig config, StateStore store,
      long leaderEpoch) {
    this.store = store;
    this.leaderEpoch = leaderEpoch;
    this.config = config;
    AllocatorConfig defaults = AllocatorConfig.defaults();
    this.allocator = new Allocator(new AllocatorConfig(config.allocationInterval(),
        defaults.defaultRefuse(), defaults.minAllocatable()), identity.id(),
        config.allocationPolicy().newSorter(config.rolePriorities()));
    this.offerTimeouts = new OfferTimeouts(config.offerTimeout());
    this.preemption = new PreemptionLoop(config.allocation());
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    vertx.setPeriodic(config.allocationInterval().toMillis(), t -> {
      List<Offer> expired = offerTimeouts.expire(allocator, Instant.now());
      offerCounters.add("allocator/offers_timed_out", expired.size());
      sendRescinds(expired);
      allocate();
      preemption.tick(bus, allocator, agents, demand, Instant.now());
    });
    bus.consumer(Addresses.state(Addresses.ALLOCATOR),
        m -> m.reply(AllocationJson.state(allocator, agents.keySet(), frameworks.keySet())
            .put("run_times", runTimer.toJson()).put("runs", runTimer.runs())
            .put("run_time_total_ms", runTimer.totalMillis())
            .put("offer_counters", offerCounters.toJson())
            .put("fragmentation", demand.fragmentationJson(allocator, agents))
            .put("preemption", preemption.toJson(allocator))
            .mergeIn(policies.toJson())));
    policies = new RolePolicies(store, leaderEpoch, allocator, context);
    reservations = new ReservationBook(store, leaderEpoch, context);
    accepts = new AcceptCalls(allocator, reservations, bus, frameworks::get,
        this::scheduleAllocation, config.security().acls());
    operatorReservations = new OperatorReservations(allocator, reservations, this::sendRescinds,
        this::scheduleAllocation);
    return Future.all(policies.load(), reservations.load())
        .compose(v -> bus.consumer(Addresses.ALLOCATOR, this::handle).completion());
  }

  private void handle(Message<Object> message) {
    Object body = message.body();
    if (body instanceof Messages.Recover recover) {
      allocator.recover(recover.frameworkId(), recover.agentId(), recover.resources(),
          Duration.ZERO, Instant.now());
    } else if (body instanceof Messages.RoomClaim room) {
      allocator.claim(new io.meseta.core.allocation.Claim(room.agentId(), room.frameworkId(),
          room.role(), room.needed(), Instant.now().plus(room.lasts())));
    } else if (body instanceof Messages.DemandDeclared declared) {
      demand.declare(declared.source(), declared.demand());
      return;
    } else if (body instanceof Messages.SchedulerCall call) {
      schedulerCall(message, call.frameworkId(), call.call());
    } else if (body instanceof Messages.FrameworkAdded added) {
      frameworks.put(added.frameworkId(), added);
      sendRescinds(FrameworkRoles.addOrUpdate(allocator, added));
    } else if (body instanceof Messages.FrameworkActivated activated) {
      allocator.activateFramework(activated.frameworkId());
    } else if (body instanceof Messages.FrameworkDeactivated deactivated) {
      // The framework is not connected, so its rescinded offers need no RESCIND event.
      allocator.deactivateFramework(deactivated.frameworkId());
    } else if (body instanceof Messages.FrameworkRemoved removed) {
      allocator.removeFramework(removed.frameworkId());
      demand.declare(Messages.DemandDeclared.sourceOf(removed.frameworkId()), List.of());
      frameworks.remove(removed.frameworkId());
    } else if (body instanceof Messages.AgentAdded added) {
      agents.put(added.agent().id(), added.agent());
      allocator.addAgent(added.agent().id(),
          reservations.applyTo(added.agent().id(), added.agent().total()), added.inUse());
    } else if (body instanceof Messages.AgentRemoved removed) {
      if (agents.remove(removed.agentId()) != null) {
        sendRescinds(allocator.removeAgent(removed.agentId()));
      }
    } else if (body instanceof Messages.UpdateWeights update) {
      replyToPolicyUpdate(message,
          policies.updateWeights(update.weights()).map(v -> List.<Offer>of()));
      return;
    } else if (body instanceof Messages.OperatorReservation reservation) {
      operatorReservations.handle(message, reservation);
      return;
    } else if (body instanceof Messages.UpdateQuota update) {
      replyToPolicyUpdate(message,
          policies.updateQuota(update.quotas(), update.force(), this::consumedBy));
      return;
    } else {
      message.fail(Failures.BAD_REQUEST, "unexpected message " + body.getClass().getSimpleName());
      return;
    }
    scheduleAllocation();
  }

  private void replyToPolicyUpdate(Message<Object> message, Future<List<Offer>> update) {
    update.onComplete(result -> {
      if (result.succeeded()) {
        sendRescinds(result.result());
        scheduleAllocation();
        message.reply(null);
      } else if (result.cause() instanceof RolePolicies.Refused refused) {
        message.fail(Failures.BAD_REQUEST, refused.getMessage());
      } else {
        message.fail(Failures.SERVICE_UNAVAILABLE, "The update could not be stored ("
            + result.cause().getMessage() + "); nothing changed. Retry, on the new leader if"
            + " there is one");
      }
    });
  }

  /** What a role's tasks hold now (offers excluded: a shrinking limit rescinds those). */
  private Resources consumedBy(String role) {
    Resources consumed = Resources.EMPTY;
    for (Messages.FrameworkAdded framework : frameworks.values()) {
      if (allocator.roles(framework.frameworkId()).contains(role)) {
        consumed = consumed.plus(allocator.used(framework.frameworkId(), role).scalarsOnly());
      }
    }
    return consumed;
  }

  private void schedulerCall(Message<Object> message, FrameworkId framework, Call call) {
    switch (call.getType()) {
      case ACCEPT -> accepts.accept(message, framework, call.getAccept());
      case REQUEST -> request(message, framework, call.getRequest());
      case DECLINE -> {
        java.util.Optional<String> foreign = OfferOwnership.foreignOffer(allocator, framework,
            AcceptCalls.offerIds(call.getDecline().getOfferIdsList()));
        if (foreign.isPresent()) {
          message.fail(Failures.FORBIDDEN, foreign.get());
          return;
        }
        offerCounters.add("allocator/offers_declined", call.getDecline().getOfferIdsCount());
        allocator.decline(framework, AcceptCalls.offerIds(call.getDecline().getOfferIdsList()),
            AcceptCalls.refuse(call.getDecline().hasFilters() ? call.getDecline().getFilters()
                : null),
            Instant.now());
        message.reply(null);
      }
      case REVIVE -> suppressOrRevive(message, framework, false, call.getRevive().getRolesList());
      case SUPPRESS ->
          suppressOrRevive(message, framework, true, call.getSuppress().getRolesList());
      default -> message.fail(Failures.NOT_IMPLEMENTED,
          "Call type " + call.getType() + " is not handled by the allocator");
    }
  }

  /** SUPPRESS or REVIVE the listed roles of the framework; none listed means all of them. */
  private void suppressOrRevive(Message<Object> message, FrameworkId framework, boolean suppress,
      List<String> roles) {
    List<String> unknown = roles.stream()
        .filter(r -> !allocator.roles(framework).contains(r)).toList();
    if (!unknown.isEmpty()) {
      message.fail(Failures.BAD_REQUEST, (suppress ? "SUPPRESS" : "REVIVE") + " names roles "
          + unknown + " the framework is not subscribed to (it has " + allocator.roles(framework)
          + "); name only its roles, or none for all of them");
      return;
    }
    if (suppress) {
      allocator.suppress(framework, roles);
    } else {
      allocator.revive(framework, roles);
    }
    message.reply(null);
  }

  /**
   * REQUEST: the framework says what it waits to place; it replaces what it said before, and an
   * empty request withdraws it. The demand takes the priority of the framework's role.
   */
  private void request(Message<Object> message, FrameworkId framework, Call.Request request) {
    Messages.FrameworkAdded facts = frameworks.get(framework);
    String role = facts == null ? "*" : facts.role();
    int priority = config.rolePriorities().getOrDefault(role, 0);
    List<Demand> wanted = new ArrayList<>();
    for (int i = 0; i < request.getRequestsCount(); i++) {
      Resources resources;
      try {
        resources = ResourcesProto.fromProto(request.getRequests(i).getResourcesList());
      } catch (IllegalArgumentException e) {
        message.fail(Failures.BAD_REQUEST, "request.requests[" + i + "]: " + e.getMessage());
        return;
      }
      if (resources.isEmpty()) {
        message.fail(Failures.BAD_REQUEST, "request.requests[" + i + "] names no resources;"
            + " say what one pending task needs, e.g. cpus and mem");
        return;
      }
      wanted.add(new Demand(role, priority, new TaskShape(resources, List.of())));
    }
    demand.declare(Messages.DemandDeclared.sourceOf(framework), wanted);
    message.reply(null);
  }

  private void scheduleAllocation() {
    if (!runScheduled && allocator.hasDirtyAgents()) {
      runScheduled = true;
      // Runs after the events already queued on this context: a burst costs one run.
      vertx.getOrCreateContext().runOnContext(v -> allocate());
    }
  }

  private void allocate() {
    runScheduled = false;
    long started = System.nanoTime();
    Instant now = Instant.now();
    List<Offer> offers = allocator.allocate(now);
    runTimer.record(System.nanoTime() - started);
    offerTimeouts.made(offers, now);
    offerCounters.add("allocator/offers_sent", offers.size());
    if (offers.isEmpty()) {
      return;
    }
    Map<FrameworkId, List<Protos.Offer>> byFramework = new LinkedHashMap<>();
    for (Offer offer : offers) {
      Messages.FrameworkAdded facts = frameworks.get(offer.frameworkId());
      Messages.AgentDescriptor agent = agents.get(offer.agentId());
      byFramework.computeIfAbsent(offer.frameworkId(), f -> new ArrayList<>())
          .add(OfferProtos.of(offer, agent,
              reservations.view(offer.agentId(), facts == null ? null : facts.info())));
    }
    byFramework.forEach((framework, list) -> bus.send(Addresses.FRAMEWORKS,
        new Messages.ToFramework(framework, SchedulerEvents.offers(list))));
    LOG.debug("Allocation run made {} offer(s) to {} framework(s)", offers.size(),
        byFramework.size());
  }

  private void sendRescinds(List<Offer> rescinded) {
    offerCounters.add("allocator/offers_rescinded", rescinded.size());
    for (Offer offer : rescinded) {
      bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(offer.frameworkId(),
          SchedulerEvents.rescind(offer.id().value())));
    }
  }
}
