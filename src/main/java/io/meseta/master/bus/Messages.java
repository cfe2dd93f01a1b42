package io.meseta.master.bus;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.eventbus.EventBus;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** The immutable messages that master verticles and gateways exchange over the event bus. */
public final class Messages {
  private Messages() {}

  // ---- framework lifecycle (gateway → frameworks service) ----

  /**
   * A SUBSCRIBE call arrived on a gateway connection; the reply is the SUBSCRIBED event.
   * {@code overHttp}: the connection is a Mesos HTTP event stream whose id is the
   * {@code Mesos-Stream-Id} (false for the WebSocket transport).
   */
  public record Subscribe(String nodeId, String connectionId, Call call, boolean overHttp)
      implements Serializable {
    public Subscribe(String nodeId, String connectionId, Call call) {
      this(nodeId, connectionId, call, false);
    }
  }

  /**
   * May a call carrying this {@code Mesos-Stream-Id} (null when absent) act for the framework?
   * The reply is null, or a failure with the HTTP status and message Mesos answers.
   */
  public record StreamCheck(FrameworkId frameworkId, String streamId) implements Serializable {}

  public record Teardown(FrameworkId frameworkId) implements Serializable {}

  public record FrameworkDisconnected(FrameworkId frameworkId, String connectionId)
      implements Serializable {}

  /** Deliver one event to a framework, wherever it is connected; dropped if it is not. */
  public record ToFramework(FrameworkId frameworkId, Event event) implements Serializable {}

  /** Deliver one event to every connected framework (e.g. FAILURE when an agent is lost). */
  public record ToAllFrameworks(Event event) implements Serializable {}

  // ---- framework facts (frameworks service → allocator, task tracker) ----

  /**
   * {@code info} (may be null) is what the framework subscribed with; executors receive it.
   * {@code suppressedRoles}: roles that want no offers from the start (SUBSCRIBE's list).
   */
  public record FrameworkAdded(
      FrameworkId frameworkId, String role, boolean partitionAware, FrameworkInfo info,
      List<String> suppressedRoles) implements Serializable {
    public FrameworkAdded(FrameworkId frameworkId, String role, boolean partitionAware) {
      this(frameworkId, role, partitionAware, null);
    }

    public FrameworkAdded(
        FrameworkId frameworkId, String role, boolean partitionAware, FrameworkInfo info) {
      this(frameworkId, role, partitionAware, info, List.of());
    }
  }

  public record FrameworkActivated(FrameworkId frameworkId) implements Serializable {}

  public record FrameworkDeactivated(FrameworkId frameworkId) implements Serializable {}

  public record FrameworkRemoved(FrameworkId frameworkId) implements Serializable {}

  // ---- scheduler calls routed by type (gateway → allocator or task tracker) ----

  public record SchedulerCall(FrameworkId frameworkId, Call call) implements Serializable {}

  // ---- agents ----

  public record RegisterAgent(String nodeId, String connectionId, AgentMessage.Register register)
      implements Serializable {}

  public record ReregisterAgent(
      String nodeId, String connectionId, AgentMessage.Reregister reregister)
          implements Serializable {}

  public record AgentPong(AgentId agentId, long seq) implements Serializable {}

  public record AgentDisconnected(AgentId agentId, String connectionId) implements Serializable {}

  /** Deliver one message to an agent, wherever it is connected; dropped if it is not. */
  public record ToAgent(AgentId agentId, AgentMessage.ToAgent message) implements Serializable {}

  /** What the master knows of an agent's identity and capacity. */
  public record AgentDescriptor(
      AgentId id, String hostname, int port, Resources total, Map<String, String> attributes)
          implements Serializable {}

  public record AgentAdded(AgentDescriptor agent, Map<FrameworkId, Resources> inUse)
      implements Serializable {}

  public record AgentRemoved(AgentId agentId) implements Serializable {}

  /** An agent re-registered with these tasks; the reply is {@link InUse}. */
  public record AgentReregistered(
      AgentId agentId,
      List<AgentMessage.RunningTask> tasks,
      List<AgentMessage.RunningExecutor> executors,
      List<AgentMessage.RunningTask> ended) implements Serializable {}

  public record InUse(Map<FrameworkId, Resources> byFramework) implements Serializable {}

  public record StatusFromAgent(AgentId agentId, TaskStatusReport status) implements Serializable {}

  /** An agent's report about its executors (FRAMEWORK_MESSAGE, EXECUTOR_EXITED) for the task tracker. */
  public record FromAgent(AgentId agentId, AgentMessage.ToMaster message) implements Serializable {}

  // ---- task launch (allocator → task tracker) and release (task tracker → allocator) ----

  /** Launch these tasks within {@code offered}; the reply is {@link Launched}. */
  public record LaunchTasks(
      FrameworkId frameworkId,
      AgentId agentId,
      Resources offered,
      List<TaskInfo> tasks,
      List<Offer.Operation.LaunchGroup> groups) implements Serializable {
    public LaunchTasks(
        FrameworkId frameworkId, AgentId agentId, Resources offered, List<TaskInfo> tasks) {
      this(frameworkId, agentId, offered, tasks, List.of());
    }
  }

  public record Launched(Resources used) implements Serializable {}

  public record Recover(FrameworkId frameworkId, AgentId agentId, Resources resources)
      implements Serializable {}

  /**
   * What one source (the job service, a framework's REQUEST) is waiting to place, replacing what
   * it declared before. Feeds the fragmentation measure and preemption planning.
   */
  public record DemandDeclared(String source, List<io.meseta.core.preemption.Demand> demand)
      implements Serializable {
    private static final String FRAMEWORK = "framework:";

    /** Declared by a framework (its REQUEST, or the job service): room made goes to it first. */
    public static DemandDeclared byFramework(FrameworkId framework,
        List<io.meseta.core.preemption.Demand> demand) {
      return new DemandDeclared(sourceOf(framework), demand);
    }

    public static String sourceOf(FrameworkId framework) {
      return FRAMEWORK + framework.value();
    }

    /** The framework that declared it, if a framework did. */
    public static java.util.Optional<FrameworkId> frameworkOf(String source) {
      return source.startsWith(FRAMEWORK)
          ? java.util.Optional.of(FrameworkId.of(source.substring(FRAMEWORK.length())))
          : java.util.Optional.empty();
    }
  }

  /**
   * A framework makes room on an agent itself (the job service moving its own jobs to open a
   * hole): the allocator holds the agent's freed resources for it until they cover
   * {@code needed}, for at most {@code lasts} (a core.allocation Claim).
   */
  public record RoomClaim(FrameworkId frameworkId, String role, AgentId agentId,
      Resources needed, java.time.Duration lasts) implements Serializable {}

  // ---- preemption (allocator ↔ task tracker) ----

  /** Asks the task tracker for the tasks that could be preempted; the reply is RunningTasks. */
  public record RunningTasksQuery() implements Serializable {}

  /** A running task as preemption planning needs it: where, whose role, since when. */
  public record RunningTaskInfo(io.meseta.core.model.TaskId taskId, FrameworkId frameworkId,
      AgentId agentId, String role, Resources resources, java.time.Instant startedAt)
          implements Serializable {}

  public record RunningTasks(List<RunningTaskInfo> tasks) implements Serializable {}

  /**
   * Preempt these tasks: tell each framework now (an inverse offer whose unavailability starts
   * now and lasts {@code grace}), then kill the task with REASON_CONTAINER_PREEMPTED.
   */
  public record Preempt(List<io.meseta.core.preemption.Victim> victims, java.time.Duration grace)
      implements Serializable {}

  // ---- operator policy (gateway → allocator); the reply is null or a failure saying why ----

  /** Sets these roles' weights, all or none; persisted through the state store. */
  public record UpdateWeights(Map<String, Double> weights) implements Serializable {}

  /**
   * Sets these roles' quotas, all or none; persisted through the state store. Without {@code
   * force}, a limit below what the role already consumes is refused.
   */
  public record UpdateQuota(List<io.meseta.core.allocation.RoleQuota> quotas, boolean force)
      implements Serializable {}

  /** An operator's RESERVE_RESOURCES ({@code reserve}) or UNRESERVE_RESOURCES on one agent. */
  public record OperatorReservation(AgentId agentId,
      List<org.apache.mesos.v1.Protos.Resource> resources, boolean reserve)
      implements Serializable {}

  // ---- gateway deliveries (services → the gateway node that holds the connection) ----

  public record EventToConnection(String connectionId, Event event, boolean closeAfter)
      implements Serializable {}

  public record MessageToAgentConnection(String connectionId, AgentMessage.ToAgent message)
      implements Serializable {}

  /** Registers a pass-by-reference codec for every message above. Call once per Vert.x. */
  public static void registerCodecs(EventBus bus) {
    for (Class<?> type : Messages.class.getDeclaredClasses()) {
      if (type.isRecord()) {
        register(bus, type);
      }
    }
    // Replies that are wire-model objects themselves.
    register(bus, Event.class);
    register(bus, AgentMessage.Registered.class);
    OperatorFacts.registerCodecs(bus);
  }

  private static <T> void register(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new LocalCodec<>(type));
  }
}
