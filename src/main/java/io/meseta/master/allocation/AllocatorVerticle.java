package io.meseta.master.allocation;

import io.meseta.core.allocation.AcceptResult;
import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.AllocatorConfig;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskState;
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
import io.meseta.protocol.TaskStatuses;
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
import org.apache.mesos.v1.Protos.TaskInfo;
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
            .put("preemption", preemption.toJson())
            .mergeIn(policies.toJson())));
    policies = new RolePolicies(store, leaderEpoch, allocator, context);
    return policies.load()
        .compose(v -> bus.consumer(Addresses.ALLOCATOR, this::handle).completion());
  }

  private void handle(Message<Object> message) {
    Object body = message.body();
    if (body instanceof Messages.Recover recover) {
      allocator.recover(recover.frameworkId(), recover.agentId(), recover.resources(),
          Duration.ZERO, Instant.now());
    } else if (body instanceof Messages.DemandDeclared declared) {
      demand.declare(declared.source(), declared.demand());
      return;
    } else if (body instanceof Messages.SchedulerCall call) {
      schedulerCall(message, call.frameworkId(), call.call());
    } else if (body instanceof Messages.FrameworkAdded added) {
      frameworks.put(added.frameworkId(), added);
      allocator.addFramework(added.frameworkId(), added.role());
    } else if (body instanceof Messages.FrameworkActivated activated) {
      allocator.activateFramework(activated.frameworkId());
    } else if (body instanceof Messages.FrameworkDeactivated deactivated) {
      // The framework is not connected, so its rescinded offers need no RESCIND event.
      allocator.deactivateFramework(deactivated.frameworkId());
    } else if (body instanceof Messages.FrameworkRemoved removed) {
      allocator.removeFramework(removed.frameworkId());
      demand.declare(demandSource(removed.frameworkId()), List.of());
      frameworks.remove(removed.frameworkId());
    } else if (body instanceof Messages.AgentAdded added) {
      agents.put(added.agent().id(), added.agent());
      allocator.addAgent(added.agent().id(), added.agent().total(), added.inUse());
    } else if (body instanceof Messages.AgentRemoved removed) {
      if (agents.remove(removed.agentId()) != null) {
        sendRescinds(allocator.removeAgent(removed.agentId()));
      }
    } else if (body instanceof Messages.UpdateWeights update) {
      replyToPolicyUpdate(message,
          policies.updateWeights(update.weights()).map(v -> List.<Offer>of()));
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
      if (framework.role().equals(role)) {
        consumed = consumed.plus(allocator.allocated(framework.frameworkId()).scalarsOnly()
            .minus(allocator.offered(framework.frameworkId()).scalarsOnly()));
      }
    }
    return consumed;
  }

  private void schedulerCall(Message<Object> message, FrameworkId framework, Call call) {
    switch (call.getType()) {
      case ACCEPT -> accept(message, framework, call.getAccept());
      case REQUEST -> request(message, framework, call.getRequest());
      case DECLINE -> {
        offerCounters.add("allocator/offers_declined", call.getDecline().getOfferIdsCount());
        allocator.decline(framework, offerIds(call.getDecline().getOfferIdsList()),
            refuse(call.getDecline().hasFilters() ? call.getDecline().getFilters() : null),
            Instant.now());
        message.reply(null);
      }
      case REVIVE -> {
        allocator.revive(framework);
        message.reply(null);
      }
      case SUPPRESS -> {
        allocator.suppress(framework);
        message.reply(null);
      }
      default -> message.fail(Failures.NOT_IMPLEMENTED,
          "Call type " + call.getType() + " is not handled by the allocator");
    }
  }

  private void accept(Message<Object> message, FrameworkId framework, Call.Accept accept) {
    List<TaskInfo> launches = new ArrayList<>();
    List<TaskInfo> singles = new ArrayList<>(); // LAUNCH tasks; launches also has groups'
    List<Protos.Offer.Operation.LaunchGroup> groups = new ArrayList<>();
    for (Protos.Offer.Operation operation : accept.getOperationsList()) {
      if (operation.getType() == Protos.Offer.Operation.Type.LAUNCH_GROUP) {
        groups.add(operation.getLaunchGroup());
        launches.addAll(operation.getLaunchGroup().getTaskGroup().getTasksList());
        continue;
      }
      if (operation.getType() != Protos.Offer.Operation.Type.LAUNCH) {
        // Checked before any offer is touched, so a rejected call changes nothing.
        message.fail(Failures.NOT_IMPLEMENTED, "Offer operation " + operation.getType()
            + " is not supported yet; only LAUNCH and LAUNCH_GROUP are. Nothing was accepted");
        return;
      }
      launches.addAll(operation.getLaunch().getTaskInfosList());
      singles.addAll(operation.getLaunch().getTaskInfosList());
    }
    Duration refuse = refuse(accept.hasFilters() ? accept.getFilters() : null);
    AcceptResult result = allocator.accept(framework, offerIds(accept.getOfferIdsList()));
    if (result instanceof AcceptResult.Rejected rejected) {
      reportInvalidOffers(framework, launches, rejected.message());
      message.fail(Failures.BAD_REQUEST, rejected.message());
      scheduleAllocation();
      return;
    }
    AcceptResult.Accepted accepted = (AcceptResult.Accepted) result;
    if (launches.isEmpty()) {
      allocator.recover(framework, accepted.agentId(), accepted.resources(), refuse, Instant.now());
      message.reply(null);
      return;
    }
    bus.<Messages.Launched>request(Addresses.TASKS, new Messages.LaunchTasks(
            framework, accepted.agentId(), accepted.resources(), singles, groups))
        .onComplete(reply -> {
          Resources used = reply.succeeded() ? reply.result().body().used() : Resources.EMPTY;
          allocator.recover(framework, accepted.agentId(), accepted.resources().minus(used),
              refuse, Instant.now());
          scheduleAllocation();
          message.reply(null);
        });
  }

  /** Mesos: tasks launched on invalid offers get TASK_LOST, or TASK_DROPPED if partition-aware. */
  private void reportInvalidOffers(FrameworkId framework, List<TaskInfo> launches, String why) {
    Messages.FrameworkAdded facts = frameworks.get(framework);
    TaskState state = facts != null && facts.partitionAware()
        ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
    for (TaskInfo task : launches) {
      bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(framework, SchedulerEvents.update(
          TaskStatuses.fromMaster(task.getTaskId().getValue(), task.getAgentId().getValue(),
              state, Reason.REASON_INVALID_OFFERS, why, System.currentTimeMillis() / 1000.0))));
    }
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
    demand.declare(demandSource(framework), wanted);
    message.reply(null);
  }

  private static String demandSource(FrameworkId framework) {
    return "framework:" + framework.value();
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
          .add(OfferProtos.of(offer, agent, facts == null ? "*" : facts.role()));
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

  private static List<OfferId> offerIds(List<Protos.OfferID> ids) {
    return ids.stream().map(id -> OfferId.of(id.getValue().isEmpty() ? "?" : id.getValue()))
        .toList();
  }

  /** Mesos: absent filters mean the default 5 s; the allocator applies negatives and caps. */
  private static Duration refuse(Protos.Filters filters) {
    double seconds = filters == null || !filters.hasRefuseSeconds()
        ? 5.0 : filters.getRefuseSeconds();
    if (Double.isNaN(seconds)) {
      seconds = 5.0;
    }
    return Duration.ofMillis((long) Math.min(seconds * 1000, 365.0 * 86400 * 1000));
  }
}
