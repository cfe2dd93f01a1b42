package io.meseta.master.agents;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.master.operator.OperatorFeed;
import io.meseta.master.state.LeaderTerm;
import io.meseta.master.state.StateStore;
import io.meseta.master.state.StateWriter;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.agent.AgentMessage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent registry: registration and re-registration, health checking by ping, and delivery
 * of messages to wherever each agent is connected. An agent that misses
 * {@code maxMissedPings} pings in a row is unreachable: its offers are rescinded and its tasks
 * reported lost; if it comes back it re-registers and its tasks are reconciled.
 */
public final class AgentRegistryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRegistryVerticle.class);

  private final MasterIdentity identity;
  private final MasterConfig config;
  private final LeaderTerm term;
  private StateWriter writer;
  private final Map<AgentId, AgentEntry> agents = new LinkedHashMap<>();
  private long nextId;
  private long pingSeq;
  private EventBus bus;
  private OperatorFeed feed;

  public AgentRegistryVerticle(MasterIdentity identity, MasterConfig config, LeaderTerm term) {
    this.identity = identity;
    this.config = config;
    this.term = term;
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    feed = OperatorFeed.forAgents(bus);
    writer = term.writer(vertx);
    return term.store().entries(StateStore.AGENTS).compose(stored -> {
      stored.values().forEach(this::recover);
      vertx.setPeriodic(config.agentPingInterval().toMillis(), t -> pingAll());
      bus.consumer(Addresses.state(Addresses.AGENTS), m -> m.reply(state()));
      return bus.consumer(Addresses.AGENTS, this::handle).completion();
    });
  }

  /**
   * An agent an earlier leader admitted: it counts as silent (unanswered pings, no connection)
   * until it re-registers, so it has the ping timeout to come back with its tasks; if it does
   * not, it is unreachable and its tasks are lost, exactly as after missed pings.
   */
  private void recover(JsonObject stored) {
    JsonObject attributes = stored.getJsonObject("attributes", new JsonObject());
    Map<String, String> attributeMap = new LinkedHashMap<>();
    attributes.forEach(e -> attributeMap.put(e.getKey(), String.valueOf(e.getValue())));
    Messages.AgentDescriptor descriptor = describe(AgentId.of(stored.getString("id")),
        stored.getString("hostname"), stored.getInteger("port", 0),
        stored.getString("resources"), attributeMap);
    AgentEntry entry = new AgentEntry(descriptor, stored.getLong("registered_millis", 0L));
    entry.recovering = true;
    agents.put(descriptor.id(), entry);
  }

  private void persist(AgentEntry entry) {
    writer.put(StateStore.AGENTS, entry.descriptor.id().value(), entry::toStoredJson);
  }

  private void handle(Message<Object> message) {
    Object body = message.body();
    if (body instanceof Messages.ToAgent delivery) {
      AgentEntry entry = agents.get(delivery.agentId());
      if (entry != null && entry.connectionId != null) {
        bus.send(Addresses.gateway(entry.nodeId),
            new Messages.MessageToAgentConnection(entry.connectionId, delivery.message()));
      }
    } else if (body instanceof Messages.AgentPong pong) {
      AgentEntry entry = agents.get(pong.agentId());
      if (entry != null) {
        entry.unansweredPings = 0;
      }
    } else if (body instanceof Messages.RegisterAgent register) {
      register(message, register);
    } else if (body instanceof Messages.ReregisterAgent reregister) {
      reregister(message, reregister);
    } else if (body instanceof Messages.AgentDisconnected disconnected) {
      AgentEntry entry = agents.get(disconnected.agentId());
      if (entry != null && disconnected.connectionId().equals(entry.connectionId)) {
        // Tasks keep running on a disconnected agent; it has until the ping timeout to return.
        entry.connectionId = null;
        LOG.info("Agent {} disconnected", disconnected.agentId());
      }
    } else {
      message.fail(Failures.BAD_REQUEST, "unexpected message " + body.getClass().getSimpleName());
    }
  }

  private void register(Message<Object> message, Messages.RegisterAgent register) {
    AgentMessage.Register r = register.register();
    Messages.AgentDescriptor descriptor;
    try {
      descriptor = describe(newId(), r.hostname(), r.port(), r.resources(), r.attributes());
    } catch (IllegalArgumentException e) {
      message.fail(Failures.BAD_REQUEST, e.getMessage());
      return;
    }
    AgentEntry entry = new AgentEntry(descriptor, System.currentTimeMillis());
    entry.nodeId = register.nodeId();
    entry.connectionId = register.connectionId();
    agents.put(descriptor.id(), entry);
    persist(entry);
    feed.agentAdded(entry.toStateJson(), false);
    Messages.AgentAdded added = new Messages.AgentAdded(descriptor, Map.of());
    bus.send(Addresses.TASKS, added);
    bus.send(Addresses.ALLOCATOR, added);
    LOG.info("Agent {} registered from {} with {}", descriptor.id(), r.hostname(),
        descriptor.total());
    message.reply(new AgentMessage.Registered(
        descriptor.id().value(), config.agentPingInterval().toMillis()));
  }

  private void reregister(Message<Object> message, Messages.ReregisterAgent reregister) {
    AgentMessage.Reregister r = reregister.reregister();
    Messages.AgentDescriptor descriptor;
    try {
      if (r.agentId() == null || r.agentId().isBlank()) {
        throw new IllegalArgumentException("REREGISTER needs the agent_id the agent had; "
            + "send REGISTER to get a new one");
      }
      descriptor =
          describe(AgentId.of(r.agentId()), r.hostname(), r.port(), r.resources(), r.attributes());
    } catch (IllegalArgumentException e) {
      message.fail(Failures.BAD_REQUEST, e.getMessage());
      return;
    }
    AgentEntry entry = agents.get(descriptor.id());
    boolean known = entry != null;
    if (!known) {
      // A master that restarted has forgotten its agents; they are admitted with their ids.
      entry = new AgentEntry(descriptor, System.currentTimeMillis());
      agents.put(descriptor.id(), entry);
    }
    entry.descriptor = descriptor;
    entry.nodeId = reregister.nodeId();
    entry.connectionId = reregister.connectionId();
    entry.unansweredPings = 0;
    entry.reachable = true;
    entry.recovering = false;
    persist(entry);
    entry.reregisteredMillis = System.currentTimeMillis();
    AgentEntry admitted = entry;
    bus.<Messages.InUse>request(Addresses.TASKS,
            new Messages.AgentReregistered(descriptor.id(), r.tasks() == null
                ? java.util.List.of() : r.tasks(),
                r.executors() == null ? java.util.List.of() : r.executors(), r.ended()))
        .onSuccess(inUse -> {
          // Re-add from scratch: the tasks the agent reports are the truth about what it uses.
          bus.send(Addresses.ALLOCATOR, new Messages.AgentRemoved(descriptor.id()));
          bus.send(Addresses.ALLOCATOR,
              new Messages.AgentAdded(admitted.descriptor, inUse.body().byFramework()));
          feed.agentAdded(admitted.toStateJson(), true);
          LOG.info("Agent {} re-registered with {} task(s)", descriptor.id(),
              r.tasks() == null ? 0 : r.tasks().size());
          message.reply(new AgentMessage.Registered(
              descriptor.id().value(), config.agentPingInterval().toMillis()));
        })
        .onFailure(e -> message.fail(Failures.BAD_REQUEST, e.getMessage()));
  }

  private void pingAll() {
    for (AgentEntry entry : agents.values()) {
      if (!entry.reachable) {
        continue;
      }
      if (entry.unansweredPings >= config.maxMissedPings()) {
        markUnreachable(entry);
        continue;
      }
      entry.unansweredPings++;
      if (entry.connectionId != null) {
        bus.send(Addresses.gateway(entry.nodeId), new Messages.MessageToAgentConnection(
            entry.connectionId, new AgentMessage.Ping(++pingSeq)));
      }
    }
  }

  private void markUnreachable(AgentEntry entry) {
    AgentId id = entry.descriptor.id();
    if (entry.recovering) {
      LOG.warn("Agent {} did not re-register with the new leader in time: unreachable", id);
    } else {
      LOG.warn("Agent {} missed {} pings: marking it unreachable", id, entry.unansweredPings);
    }
    entry.reachable = false;
    entry.recovering = false;
    feed.agentRemoved(id.value());
    Messages.AgentRemoved removed = new Messages.AgentRemoved(id);
    bus.send(Addresses.ALLOCATOR, removed);
    bus.send(Addresses.TASKS, removed);
    bus.send(Addresses.FRAMEWORKS,
        new Messages.ToAllFrameworks(SchedulerEvents.agentFailure(id.value())));
  }

  private Messages.AgentDescriptor describe(
      AgentId id, String hostname, int port, String resources, Map<String, String> attributes) {
    if (hostname == null || hostname.isBlank()) {
      throw new IllegalArgumentException("agent hostname must be set");
    }
    if (resources == null) {
      throw new IllegalArgumentException("agent resources must be set, e.g. 'cpus:2;mem:1024'");
    }
    Resources total = Resources.parse(resources);
    return new Messages.AgentDescriptor(
        id, hostname, port, total, attributes == null ? Map.of() : Map.copyOf(attributes));
  }

  private AgentId newId() {
    return AgentId.of(identity.id() + "-S" + nextId++);
  }

  private JsonObject state() {
    JsonArray slaves = new JsonArray();
    agents.values().forEach(e -> slaves.add(e.toStateJson()));
    return new JsonObject().put("slaves", slaves).put("counters", feed.counters().toJson());
  }
}
