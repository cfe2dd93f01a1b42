package io.meseta.master.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.io.Serializable;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Facts the leader services publish on {@link Addresses#OPERATOR_EVENTS} for the v1 operator
 * event stream (Mesos' TASK_ADDED, TASK_UPDATED, AGENT_ADDED, ...). Each gateway node turns a
 * fact into one event, encodes it once and writes it to its operator subscribers.
 *
 * <p>The JSON bodies are the entries of the service's own state answer (the {@code
 * /master/state} shape), so one conversion serves both the snapshot and the stream. They are
 * built fresh for each fact and handed over by reference: receivers must treat them as read-only.
 */
public final class OperatorFacts {
  private OperatorFacts() {}

  /** A task the master accepted for launch (or adopted from a re-registering agent). */
  public record TaskAdded(JsonObject task) implements Serializable {}

  /** A task received {@code status}; {@code state} is the task's state after it. */
  public record TaskUpdated(String frameworkId, TaskStatus status, TaskState state)
      implements Serializable {}

  /** An agent registered, re-registered or became reachable again. */
  public record AgentAdded(JsonObject agent) implements Serializable {}

  /** An agent was removed or marked unreachable. */
  public record AgentRemoved(String agentId) implements Serializable {}

  public record FrameworkAdded(JsonObject framework) implements Serializable {}

  /** A framework re-subscribed, disconnected or changed its info. */
  public record FrameworkUpdated(JsonObject framework) implements Serializable {}

  public record FrameworkRemoved(JsonObject framework) implements Serializable {}

  /** Registers a pass-by-reference codec per fact; {@link Messages#registerCodecs} calls it. */
  static void registerCodecs(EventBus bus) {
    for (Class<?> type : OperatorFacts.class.getDeclaredClasses()) {
      if (type.isRecord()) {
        register(bus, type);
      }
    }
  }

  private static <T> void register(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new LocalCodec<>(type));
  }
}
