package io.meseta.gateway;

import io.meseta.core.model.AgentId;
import io.meseta.gateway.security.InputLimits;
import io.meseta.gateway.security.JsonDepth;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.meseta.protocol.agent.AgentCodec;
import io.meseta.protocol.agent.AgentMessage;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.ServerWebSocket;
import java.util.UUID;

/** One agent WebSocket (docs/agent-protocol.md): decodes frames and forwards them. */
final class AgentConnection {
  final String id = UUID.randomUUID().toString();
  private final EventBus bus;
  private final String nodeId;
  private final ServerWebSocket socket;
  private final InputLimits limits;
  private AgentId agent;

  AgentConnection(EventBus bus, String nodeId, ServerWebSocket socket, InputLimits limits) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.socket = socket;
    this.limits = limits;
  }

  void onText(String text) {
    AgentMessage message;
    try {
      JsonDepth.problem(text, limits.maxJsonDepth()).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
      message = AgentCodec.decode(text);
    } catch (IllegalArgumentException e) {
      send(new AgentMessage.Error(e.getMessage()));
      return;
    }
    var invalid = AgentMessageChecks.problem(message, limits.maxIdLength());
    if (invalid.isPresent()) {
      // e.g. "REREGISTER rejected: ...", "STATUS_UPDATE rejected: ..."
      send(new AgentMessage.Error(message.getClass().getSimpleName()
          .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase() + " rejected: " + invalid.get()));
      return;
    }
    if (message instanceof AgentMessage.Register register) {
      registered(bus.request(Addresses.AGENTS,
          new Messages.RegisterAgent(nodeId, id, register), Addresses.leaderCall()));
    } else if (message instanceof AgentMessage.Reregister reregister) {
      registered(bus.request(Addresses.AGENTS,
          new Messages.ReregisterAgent(nodeId, id, reregister), Addresses.leaderCall()));
    } else if (agent == null) {
      send(new AgentMessage.Error("Agent is not registered: send REGISTER or REREGISTER first"));
    } else if (message instanceof AgentMessage.Pong pong) {
      bus.send(Addresses.AGENTS, new Messages.AgentPong(agent, pong.seq()));
    } else if (message instanceof AgentMessage.StatusUpdate update) {
      bus.send(Addresses.TASKS, new Messages.StatusFromAgent(agent, update.status()));
    } else if (message instanceof AgentMessage.FrameworkMessage
        || message instanceof AgentMessage.ExecutorExited) {
      bus.send(Addresses.TASKS, new Messages.FromAgent(agent, (AgentMessage.ToMaster) message));
    } else {
      send(new AgentMessage.Error(
          "Agents may not send " + message.getClass().getSimpleName() + " messages"));
    }
  }

  private void registered(io.vertx.core.Future<io.vertx.core.eventbus.Message<Object>> reply) {
    reply.onSuccess(m -> {
      AgentMessage.Registered registered = (AgentMessage.Registered) m.body();
      agent = AgentId.of(registered.agentId());
      send(registered);
    }).onFailure(e -> send(new AgentMessage.Error(e.getMessage())));
  }

  void send(AgentMessage.ToAgent message) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(AgentCodec.encode(message));
    }
  }

  /** Closes the socket; the agent reconnects and re-registers. */
  void close() {
    socket.close();
  }

  void onClosed() {
    if (agent != null) {
      bus.send(Addresses.AGENTS, new Messages.AgentDisconnected(agent, id));
    }
  }
}
