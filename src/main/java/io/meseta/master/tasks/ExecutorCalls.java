package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.agent.AgentMessage;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about custom executors after their launch: framework messages both ways, SHUTDOWN,
 * and the release of an executor's resources when it ends or its framework or agent goes. Used
 * on the task tracker's context.
 */
final class ExecutorCalls {
  /** Mesos has no fixed limit; one keeps a chatty framework from filling agents' sockets. */
  static final int MAX_MESSAGE_BYTES = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorCalls.class);

  private final ExecutorTable executors;
  private final EventBus bus;

  ExecutorCalls(ExecutorTable executors, EventBus bus) {
    this.executors = executors;
    this.bus = bus;
  }

  /** Scheduler MESSAGE: to the executor, through its agent. */
  void message(Message<Object> reply, FrameworkId framework, Call.Message message) {
    int size = message.getData().size();
    if (size > MAX_MESSAGE_BYTES) {
      reply.fail(Failures.BAD_REQUEST, "MESSAGE 'data' is " + size + " bytes, more than the limit"
          + " of " + MAX_MESSAGE_BYTES + " bytes: send large payloads out of band (e.g. a URL)");
      return;
    }
    if (blankIds(reply, "MESSAGE", message.getAgentId().getValue(),
        message.getExecutorId().getValue())) {
      return;
    }
    AgentId agent = AgentId.of(message.getAgentId().getValue());
    ExecutorTable.Key key = key(framework, message.getExecutorId().getValue());
    if (executors.find(agent, key).isEmpty()) {
      reply.fail(Failures.BAD_REQUEST, notRunning(key, agent) + "; nothing was sent");
      return;
    }
    bus.send(Addresses.AGENTS, new Messages.ToAgent(agent, new AgentMessage.FrameworkMessage(
        framework.value(), key.executorId(),
        Base64.getEncoder().encodeToString(message.getData().toByteArray()))));
    reply.reply(null);
  }

  /** Scheduler SHUTDOWN: the agent asks the executor to stop, then kills it after its grace. */
  void shutdown(Message<Object> reply, FrameworkId framework, Call.Shutdown shutdown) {
    if (blankIds(reply, "SHUTDOWN", shutdown.getAgentId().getValue(),
        shutdown.getExecutorId().getValue())) {
      return;
    }
    AgentId agent = AgentId.of(shutdown.getAgentId().getValue());
    ExecutorTable.Key key = key(framework, shutdown.getExecutorId().getValue());
    if (executors.find(agent, key).isEmpty()) {
      reply.fail(Failures.BAD_REQUEST, notRunning(key, agent) + "; there is nothing to shut down");
      return;
    }
    bus.send(Addresses.AGENTS, new Messages.ToAgent(agent,
        new AgentMessage.ShutdownExecutor(framework.value(), key.executorId())));
    reply.reply(null);
  }

  /** FRAMEWORK_MESSAGE or EXECUTOR_EXITED from an agent. */
  void fromAgent(Messages.FromAgent from) {
    AgentId agent = from.agentId();
    if (from.message() instanceof AgentMessage.FrameworkMessage message) {
      byte[] data;
      try {
        data = Base64.getDecoder().decode(message.data() == null ? "" : message.data());
      } catch (IllegalArgumentException e) {
        LOG.warn("Dropping a framework message from agent {}: data is not base64", agent);
        return;
      }
      bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(
          FrameworkId.of(message.frameworkId()),
          SchedulerEvents.message(agent.value(), message.executorId(), data)));
    } else if (from.message() instanceof AgentMessage.ExecutorExited exited) {
      FrameworkId framework = FrameworkId.of(exited.frameworkId());
      executors.remove(agent, key(framework, exited.executorId())).ifPresent(entry -> {
        LOG.info("Executor {} on agent {} ended: {}", entry.key(), agent, exited.message());
        release(entry);
        bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(framework,
            SchedulerEvents.executorFailure(agent.value(), exited.executorId(), exited.status())));
      });
    } else {
      LOG.warn("Ignoring {} from agent {}: not an executor report", from.message(), agent);
    }
  }

  /** The framework is gone: the agents shut its executors down; their resources are free now. */
  void frameworkRemoved(FrameworkId framework) {
    executors.removeFramework(framework).forEach(this::release);
  }

  /** A re-registered agent runs only these executors; the others ended while it was away. */
  void agentReregistered(AgentId agent, List<AgentMessage.RunningExecutor> running) {
    Set<ExecutorTable.Key> alive = new HashSet<>();
    running.forEach(e -> alive.add(key(FrameworkId.of(e.frameworkId()), e.executorId())));
    executors.retainOnAgent(agent, alive);
  }

  void agentLost(AgentId agent) {
    executors.removeAgent(agent);
  }

  private void release(ExecutorTable.Entry entry) {
    if (!entry.resources().isEmpty()) {
      bus.send(Addresses.ALLOCATOR, new Messages.Recover(entry.key().frameworkId(),
          entry.agentId(), entry.resources()));
    }
  }

  private static ExecutorTable.Key key(FrameworkId framework, String executorId) {
    return new ExecutorTable.Key(framework, executorId);
  }

  private static String notRunning(ExecutorTable.Key key, AgentId agent) {
    return "Executor " + key.executorId() + " of framework " + key.frameworkId()
        + " is not running on agent " + agent + " (launch a task with it first)";
  }

  /** Fails the call when an id it names is blank: nothing could be addressed with it. */
  private static boolean blankIds(Message<Object> reply, String call, String agent,
      String executor) {
    if (agent.isBlank() || executor.isBlank()) {
      reply.fail(Failures.BAD_REQUEST, call + " needs a non-blank 'agent_id' and 'executor_id'"
          + " (the executor's agent and id, as its TASK_RUNNING update names them)");
      return true;
    }
    return false;
  }
}
