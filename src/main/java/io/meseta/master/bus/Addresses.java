package io.meseta.master.bus;

/**
 * Event-bus addresses. One address per leader service and one per gateway node; never one per
 * connection (DESIGN.md §3: per-connection registrations do not scale across a cluster).
 */
public final class Addresses {
  public static final String AGENTS = "meseta.agents";
  public static final String ALLOCATOR = "meseta.allocator";
  public static final String FRAMEWORKS = "meseta.frameworks";
  public static final String TASKS = "meseta.tasks";
  /** Published facts for the operator event stream; every gateway node listens (OperatorFacts). */
  public static final String OPERATOR_EVENTS = "meseta.operator.events";
  /**
   * Published by a new leader as it starts its services (the body is its epoch): every gateway
   * drops its agent and framework connections, so that they re-register and re-subscribe with
   * it (calls that arrive while it is still loading its state are refused and retried).
   */
  public static final String LEADER_CHANGED = "meseta.leader.changed";

  private Addresses() {}

  /**
   * For a gateway's requests to the leader services: after a leader dies, the clustered bus may
   * still route to its stale registration for a moment, and the default 30 s wait would hold a
   * registering agent past its re-registration window. Failing fast lets the caller retry.
   */
  public static io.vertx.core.eventbus.DeliveryOptions leaderCall() {
    return new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(5_000);
  }

  public static String gateway(String nodeId) {
    return "meseta.gateway." + nodeId;
  }

  /** Each service answers a state query here with a JsonObject fragment for /master/state. */
  public static String state(String service) {
    return service + ".state";
  }
}
