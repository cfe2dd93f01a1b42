package io.meseta.master.operator;

import io.meseta.core.tasks.Task;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.OperatorFacts;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's voice towards operators: each call publishes one fact on {@link
 * Addresses#OPERATOR_EVENTS} (every gateway node fans it out to its event-stream subscribers) and
 * counts what Mesos counts at that point. Each verticle owns one feed, touched on its context;
 * its {@link #counters()} go into the service's state answer under {@code "counters"}.
 */
public final class OperatorFeed {
  /** The states Mesos counts as {@code master/tasks_<state>} (the rest are gauges). */
  private static final Set<TaskState> COUNTED = EnumSet.of(TaskState.TASK_FINISHED,
      TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_LOST, TaskState.TASK_ERROR,
      TaskState.TASK_DROPPED, TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

  /**
   * One key=value line per lifecycle step, under one logger name so operators can route or
   * filter them ({@code <logger name="meseta.lifecycle" .../>} in logback.xml).
   */
  private static final Logger LIFECYCLE = LoggerFactory.getLogger("meseta.lifecycle");

  private final EventBus bus;
  private final Counters counters = new Counters();

  public OperatorFeed(EventBus bus) {
    this.bus = bus;
  }

  /** A feed for the task tracker: its terminal-state counters start at 0. */
  public static OperatorFeed forTasks(EventBus bus) {
    OperatorFeed feed = new OperatorFeed(bus);
    COUNTED.forEach(state -> feed.counters.declare(counterName(state)));
    feed.counters.declare("master/valid_status_updates");
    return feed;
  }

  /** A feed for the agent registry: its registration counters start at 0. */
  public static OperatorFeed forAgents(EventBus bus) {
    OperatorFeed feed = new OperatorFeed(bus);
    feed.counters.declare("master/slave_registrations", "master/slave_reregistrations",
        "master/slave_removals");
    return feed;
  }

  /** {@code task} is the task's entry in the tracker's state answer. */
  public void taskAdded(JsonObject task) {
    LIFECYCLE.info("event=task_added task={} framework={} agent={} state={}",
        task.getString("id"), task.getString("framework_id"), task.getString("slave_id"),
        task.getString("state"));
    bus.publish(Addresses.OPERATOR_EVENTS, new OperatorFacts.TaskAdded(task));
  }

  /**
   * {@code task} received {@code status}. A terminal state that took effect is counted, and so is
   * every update an agent sent (Mesos' {@code master/valid_status_updates}).
   */
  public void taskUpdated(Task task, TaskStatus status) {
    TaskState now = TaskState.valueOf(task.state().name());
    LIFECYCLE.info("event=task_update task={} framework={} agent={} state={} source={} reason={}",
        task.id(), task.frameworkId(), task.agentId(), status.getState(), status.getSource(),
        status.hasReason() ? status.getReason() : "none");
    if (COUNTED.contains(status.getState()) && status.getState() == now) {
      counters.increment(counterName(now));
    }
    if (status.getSource() != TaskStatus.Source.SOURCE_MASTER) {
      counters.increment("master/valid_status_updates");
    }
    bus.publish(Addresses.OPERATOR_EVENTS,
        new OperatorFacts.TaskUpdated(task.frameworkId().value(), status, now));
  }

  /** {@code agent} is the agent's entry in the registry's state answer. */
  public void agentAdded(JsonObject agent, boolean reregistered) {
    counters.increment(
        reregistered ? "master/slave_reregistrations" : "master/slave_registrations");
    LIFECYCLE.info("event={} agent={} hostname={}",
        reregistered ? "agent_reregistered" : "agent_registered", agent.getString("id"),
        agent.getString("hostname"));
    bus.publish(Addresses.OPERATOR_EVENTS, new OperatorFacts.AgentAdded(agent));
  }

  public void agentRemoved(String agentId) {
    counters.increment("master/slave_removals");
    LIFECYCLE.info("event=agent_removed agent={}", agentId);
    bus.publish(Addresses.OPERATOR_EVENTS, new OperatorFacts.AgentRemoved(agentId));
  }

  /** {@code framework} is the framework's entry in the frameworks service's state answer. */
  public void frameworkAdded(JsonObject framework) {
    LIFECYCLE.info("event=framework_added framework={} name={} role={}",
        framework.getString("id"), framework.getString("name"), framework.getString("role"));
    bus.publish(Addresses.OPERATOR_EVENTS, new OperatorFacts.FrameworkAdded(framework));
  }

  public void frameworkUpdated(JsonObject framework) {
    bus.publish(Addresses.OPERATOR_EVENTS, new OperatorFacts.FrameworkUpdated(framework));
  }

  public void frameworkRemoved(JsonObject framework) {
    LIFECYCLE.info("event=framework_removed framework={}", framework.getString("id"));
    bus.publish(Addresses.OPERATOR_EVENTS, new OperatorFacts.FrameworkRemoved(framework));
  }

  public Counters counters() {
    return counters;
  }

  private static String counterName(TaskState state) {
    return "master/tasks_" + state.name().substring("TASK_".length()).toLowerCase(Locale.ROOT);
  }
}
