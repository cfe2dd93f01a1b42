package io.meseta.master.frameworks;

import io.meseta.core.model.FrameworkId;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.master.bus.OperatorFacts;
import io.meseta.master.state.LeaderTerm;
import io.meseta.master.state.StateStore;
import io.meseta.master.state.StateWriter;
import io.meseta.protocol.json.MesosJson;
import io.meseta.protocol.SchedulerEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework sessions: subscription, fail-over, disconnection with its {@code failover_timeout},
 * teardown, and delivery of events to wherever each framework is connected.
 */
public final class FrameworkSessionsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(FrameworkSessionsVerticle.class);
  /** Mesos keeps the last 50 removed frameworks (--max_completed_frameworks). */
  private static final int MAX_COMPLETED = 50;

  private final MasterIdentity identity;
  private final MasterConfig config;
  private final LeaderTerm term;
  private StateWriter writer;
  private final Map<FrameworkId, FrameworkSession> sessions = new LinkedHashMap<>();
  private final Deque<FrameworkSession> completed = new ArrayDeque<>();
  private int nextId;
  private EventBus bus;

  public FrameworkSessionsVerticle(MasterIdentity identity, MasterConfig config, LeaderTerm term) {
    this.identity = identity;
    this.config = config;
    this.term = term;
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    writer = term.writer(vertx);
    return term.store().entries(StateStore.FRAMEWORKS).compose(stored -> {
      stored.values().forEach(this::recover);
      bus.consumer(Addresses.state(Addresses.FRAMEWORKS), m -> m.reply(state()));
      return bus.consumer(Addresses.FRAMEWORKS, this::handle).completion();
    });
  }

  /**
   * A framework a previous leader knew: it is added disconnected, and has its failover timeout,
   * counted from now, to re-subscribe, as after a disconnection.
   */
  private void recover(JsonObject stored) {
    FrameworkInfo info = MesosJson.parse(stored.getString("info"), FrameworkInfo.getDefaultInstance());
    FrameworkSession session = new FrameworkSession(
        FrameworkId.of(info.getId().getValue()), info, stored.getLong("registered_millis", 0L));
    sessions.put(session.id, session);
    bus.send(Addresses.TASKS, new Messages.FrameworkAdded(
        session.id, session.role(), session.partitionAware(), session.info));
    bus.send(Addresses.ALLOCATOR, new Messages.FrameworkAdded(
        session.id, session.role(), session.partitionAware(), session.info));
    LOG.info("Framework {} ({}) recovered from the state store; waiting for it to re-subscribe",
        session.id, info.getName());
    // A leader change is not the framework's fault: it gets at least the agents' window.
    deactivate(session, config.agentPingInterval().toMillis() * config.maxMissedPings());
  }

  private void persist(FrameworkSession session) {
    writer.put(StateStore.FRAMEWORKS, session.id.value(), () -> new JsonObject()
        .put("info", MesosJson.print(session.info))
        .put("registered_millis", session.registeredMillis));
  }

  private void handle(Message<Object> message) {
    Object body = message.body();
    if (body instanceof Messages.Subscribe subscribe) {
      subscribe(message, subscribe);
    } else if (body instanceof Messages.ToFramework delivery) {
      deliver(delivery.frameworkId(), delivery.event());
    } else if (body instanceof Messages.ToAllFrameworks broadcast) {
      sessions.keySet().forEach(id -> deliver(id, broadcast.event()));
    } else if (body instanceof Messages.FrameworkDisconnected disconnected) {
      disconnected(disconnected);
    } else if (body instanceof Messages.StreamCheck check) {
      checkStream(message, check);
    } else if (body instanceof Messages.SchedulerCall call
        && call.call().getType() == Call.Type.UPDATE_FRAMEWORK) {
      updateFramework(message, call.frameworkId(), call.call().getUpdateFramework());
    } else if (body instanceof Messages.Teardown teardown) {
      FrameworkSession session = sessions.get(teardown.frameworkId());
      if (session == null) {
        message.fail(Failures.NOT_FOUND, "Framework " + teardown.frameworkId() + " is not known");
        return;
      }
      LOG.info("Tearing down framework {} ({})", session.id, session.info.getName());
      closeConnection(session, null);
      remove(session);
      message.reply(null);
    } else {
      message.fail(Failures.BAD_REQUEST, "unexpected message " + body.getClass().getSimpleName());
    }
  }

  private void subscribe(Message<Object> message, Messages.Subscribe subscribe) {
    Call call = subscribe.call();
    Optional<String> problem = SubscribeValidation.problem(call);
    if (problem.isPresent()) {
      message.fail(Failures.BAD_REQUEST, problem.get());
      return;
    }
    FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
    List<String> suppressed = call.getSubscribe().getSuppressedRolesList();
    Optional<String> badSuppression = FrameworkUpdate.suppressedRolesProblem(info, suppressed);
    if (badSuppression.isPresent()) {
      message.fail(Failures.BAD_REQUEST, badSuppression.get());
      return;
    }
    FrameworkId id = info.hasId() ? FrameworkId.of(info.getId().getValue()) : newId();
    if (completed.stream().anyMatch(s -> s.id.equals(id))) {
      message.fail(Failures.FORBIDDEN, "Framework " + id
          + " has been removed; subscribe without an id to register as a new framework");
      return;
    }
    info = info.toBuilder().setId(FrameworkID.newBuilder().setValue(id.value())).build();
    FrameworkSession session = sessions.get(id);
    if (session == null) {
      session = new FrameworkSession(id, info, System.currentTimeMillis());
      sessions.put(id, session);
      attach(session, subscribe);
      persist(session);
      Messages.FrameworkAdded added = new Messages.FrameworkAdded(
          id, session.role(), session.partitionAware(), session.info, List.copyOf(suppressed));
      bus.send(Addresses.TASKS, added);
      bus.send(Addresses.ALLOCATOR, added);
      LOG.info("Framework {} ({}) subscribed", id, info.getName());
      bus.publish(Addresses.OPERATOR_EVENTS,
          new OperatorFacts.FrameworkAdded(FrameworkJson.of(session, true)));
    } else {
      Optional<String> principalChange = FrameworkUpdate.principalChange(session.info, info);
      if (principalChange.isPresent()) {
        message.fail(Failures.BAD_REQUEST, principalChange.get());
        return;
      }
      if (FrameworkUpdate.multiRole(info) != FrameworkUpdate.multiRole(session.info)) {
        message.fail(Failures.BAD_REQUEST, "Adding or removing the MULTI_ROLE capability when"
            + " re-subscribing is not supported; subscribe with the capabilities the framework"
            + " registered with");
        return;
      }
      if (session.connected() && !session.connectionId.equals(subscribe.connectionId())) {
        closeConnection(session, SchedulerEvents.error("Framework failed over"));
        // Offers made on the old connection (perhaps to a node that died) are void: recover them.
        bus.send(Addresses.ALLOCATOR, new Messages.FrameworkDeactivated(id));
      }
      // Mesos keeps user and checkpoint across a re-subscribe (MESOS-703).
      session.info = info.toBuilder()
          .setUser(session.info.getUser()).setCheckpoint(session.info.getCheckpoint()).build();
      vertx.cancelTimer(session.failoverTimer);
      attach(session, subscribe);
      persist(session);
      Messages.FrameworkAdded again = new Messages.FrameworkAdded(
          id, session.role(), session.partitionAware(), session.info, List.copyOf(suppressed));
      bus.send(Addresses.TASKS, again);
      bus.send(Addresses.ALLOCATOR, again); // the allocator takes any change of roles from it
      bus.send(Addresses.ALLOCATOR, new Messages.FrameworkActivated(id));
      LOG.info("Framework {} ({}) re-subscribed", id, info.getName());
      bus.publish(Addresses.OPERATOR_EVENTS,
          new OperatorFacts.FrameworkUpdated(FrameworkJson.of(session, true)));
    }
    message.reply(SchedulerEvents.subscribed(id, config.heartbeatInterval(), identity.masterInfo()));
  }

  private void attach(FrameworkSession session, Messages.Subscribe subscribe) {
    session.nodeId = subscribe.nodeId();
    session.connectionId = subscribe.connectionId();
    session.overHttp = subscribe.overHttp();
    session.failoverTimer = -1;
  }

  /** Mesos {@code Master::Http::scheduler}: may a call with this stream id act for the framework? */
  private void checkStream(Message<Object> message, Messages.StreamCheck check) {
    FrameworkSession session = sessions.get(check.frameworkId());
    if (session == null) {
      message.fail(Failures.BAD_REQUEST, "Framework cannot be found: subscribe first");
    } else if (!session.connected()) {
      message.fail(Failures.FORBIDDEN,
          "Framework is not subscribed: subscribe again (same framework id) to reconnect");
    } else if (!session.overHttp) {
      message.fail(Failures.FORBIDDEN, "Framework is not connected via HTTP: it subscribed over"
          + " the WebSocket transport, so send its calls on that WebSocket");
    } else if (check.streamId() == null) {
      message.fail(Failures.BAD_REQUEST,
          "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    } else if (!check.streamId().equals(session.connectionId)) {
      message.fail(Failures.BAD_REQUEST, "The stream ID '" + check.streamId() + "' included in"
          + " this request didn't match the stream ID currently associated with framework ID "
          + session.id);
    } else {
      message.reply(null);
    }
  }

  /** All or nothing: a rejected update changes nothing; the reply comes once it is applied. */
  private void updateFramework(Message<Object> message, FrameworkId id, Call.UpdateFramework update) {
    FrameworkSession session = sessions.get(id);
    if (session == null) {
      message.fail(Failures.BAD_REQUEST, "Framework cannot be found: subscribe first");
      return;
    }
    Optional<String> problem = FrameworkUpdate.problem(session.info, update);
    if (problem.isPresent()) {
      message.fail(Failures.BAD_REQUEST, problem.get());
      return;
    }
    session.info = update.getFrameworkInfo();
    persist(session);
    Messages.FrameworkAdded updated =
        new Messages.FrameworkAdded(id, session.role(), session.partitionAware(), session.info);
    bus.send(Addresses.TASKS, updated);
    bus.send(Addresses.ALLOCATOR, updated); // roles may have changed
    // Mesos sets the suppressed roles to exactly this list. The allocator's only way to
    // unsuppress is REVIVE, which also clears the role's refusal filters.
    List<String> suppressedRoles = update.getSuppressedRolesList();
    List<String> unsuppressed = FrameworkUpdate.rolesOf(session.info).stream()
        .filter(r -> !suppressedRoles.contains(r)).toList();
    if (!suppressedRoles.isEmpty()) {
      bus.send(Addresses.ALLOCATOR,
          new Messages.SchedulerCall(id, allocatorCall(true, suppressedRoles)));
    }
    if (!unsuppressed.isEmpty()) {
      bus.send(Addresses.ALLOCATOR,
          new Messages.SchedulerCall(id, allocatorCall(false, unsuppressed)));
    }
    LOG.info("Framework {} ({}) updated", id, session.info.getName());
    bus.publish(Addresses.OPERATOR_EVENTS,
        new OperatorFacts.FrameworkUpdated(FrameworkJson.of(session, true)));
    message.reply(null);
  }

  /** SUPPRESS or REVIVE of these roles, as the framework could have sent it. */
  private static Call allocatorCall(boolean suppress, List<String> roles) {
    return suppress
        ? Call.newBuilder().setType(Call.Type.SUPPRESS)
            .setSuppress(Call.Suppress.newBuilder().addAllRoles(roles)).build()
        : Call.newBuilder().setType(Call.Type.REVIVE)
            .setRevive(Call.Revive.newBuilder().addAllRoles(roles)).build();
  }

  private void disconnected(Messages.FrameworkDisconnected disconnected) {
    FrameworkSession session = sessions.get(disconnected.frameworkId());
    if (session == null || !disconnected.connectionId().equals(session.connectionId)) {
      return; // an older connection of a framework that already failed over
    }
    deactivate(session, 0);
  }

  /**
   * Offers stop and the failover timeout (at least {@code minimumMillis}) starts: re-subscribe
   * in time or be removed.
   */
  private void deactivate(FrameworkSession session, long minimumMillis) {
    session.connectionId = null;
    session.unregisteredMillis = System.currentTimeMillis();
    bus.send(Addresses.ALLOCATOR, new Messages.FrameworkDeactivated(session.id));
    bus.publish(Addresses.OPERATOR_EVENTS,
        new OperatorFacts.FrameworkUpdated(FrameworkJson.of(session, true)));
    long timeoutMillis =
        Math.max(minimumMillis, (long) (session.info.getFailoverTimeout() * 1000));
    LOG.info("Framework {} disconnected; removing it in {} ms unless it re-subscribes",
        session.id, timeoutMillis);
    if (timeoutMillis <= 0) {
      remove(session);
    } else {
      session.failoverTimer = vertx.setTimer(timeoutMillis, t -> {
        if (!session.connected() && sessions.get(session.id) == session) {
          LOG.info("Framework {} did not re-subscribe within its failover timeout", session.id);
          remove(session);
        }
      });
    }
  }

  private void remove(FrameworkSession session) {
    sessions.remove(session.id);
    writer.remove(StateStore.FRAMEWORKS, session.id.value());
    vertx.cancelTimer(session.failoverTimer);
    session.unregisteredMillis = System.currentTimeMillis();
    completed.addLast(session);
    while (completed.size() > MAX_COMPLETED) {
      completed.removeFirst();
    }
    Messages.FrameworkRemoved removed = new Messages.FrameworkRemoved(session.id);
    bus.send(Addresses.ALLOCATOR, removed);
    bus.send(Addresses.TASKS, removed);
    bus.publish(Addresses.OPERATOR_EVENTS,
        new OperatorFacts.FrameworkRemoved(FrameworkJson.of(session, false)));
  }

  private void deliver(FrameworkId id, Event event) {
    FrameworkSession session = sessions.get(id);
    if (session != null && session.connected()) {
      bus.send(Addresses.gateway(session.nodeId),
          new Messages.EventToConnection(session.connectionId, event, false));
    }
  }

  private void closeConnection(FrameworkSession session, Event last) {
    if (session.connected()) {
      bus.send(Addresses.gateway(session.nodeId),
          new Messages.EventToConnection(session.connectionId, last, true));
      session.connectionId = null;
    }
  }

  private FrameworkId newId() {
    FrameworkId id;
    do {
      id = FrameworkId.of(String.format("%s-%04d", identity.id(), nextId++));
    } while (sessions.containsKey(id));
    return id;
  }

  private JsonObject state() {
    JsonArray active = new JsonArray();
    sessions.values().forEach(s -> active.add(FrameworkJson.of(s, true)));
    JsonArray done = new JsonArray();
    completed.forEach(s -> done.add(FrameworkJson.of(s, false)));
    return new JsonObject().put("frameworks", active).put("completed_frameworks", done);
  }
}
