package io.meseta.master;

import io.meseta.core.allocation.AllocationPolicy;
import io.meseta.gateway.security.SecuritySettings;
import io.meseta.jobs.JobsConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of a master node. Defaults follow Mesos (reference/mesos-api.md §0) except the
 * scheduler heartbeat, which is 5 s so clients with a 10 s idle timeout never trip (§9.13).
 *
 * @param allocation interval, policy, role priorities, offer timeout
 * @param agentPingInterval how often the master pings each agent
 * @param maxMissedPings after this many unanswered pings an agent is unreachable
 * @param jobs the built-in job service's settings
 * @param gatewayInstances gateway verticles sharing the port, each on its own event loop, so
 *     sockets and their JSON work spread over the cores; 0 = one per available processor
 * @param security authentication (off by default) and input limits, enforced by the gateway
 */
public record MasterConfig(
    String host,
    int port,
    String advertisedHostname,
    AllocationSettings allocation,
    Duration heartbeatInterval,
    Duration agentPingInterval,
    int maxMissedPings,
    JobsConfig jobs,
    int gatewayInstances,
    SecuritySettings security) {

  public MasterConfig {
    requirePositive(heartbeatInterval, "heartbeat interval");
    requirePositive(agentPingInterval, "agent ping interval");
    if (maxMissedPings < 1) {
      throw new IllegalArgumentException("max missed pings must be at least 1, got " + maxMissedPings);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (gatewayInstances < 0) {
      throw new IllegalArgumentException("gateway instances must be at least 1 (0 = one per"
          + " available processor), got " + gatewayInstances);
    }
    allocation = allocation == null ? AllocationSettings.defaults() : allocation;
    jobs = jobs == null ? JobsConfig.defaults() : jobs;
    gatewayInstances = gatewayInstances == 0 ? defaultGatewayInstances() : gatewayInstances;
    security = security == null ? SecuritySettings.defaults() : security;
    Duration idle = security.limits().idleTimeout();
    if (idle.compareTo(heartbeatInterval) <= 0 || idle.compareTo(agentPingInterval) <= 0) {
      throw new IllegalArgumentException("limits.idle_timeout (" + idle + ") must be longer than"
          + " the heartbeat interval (" + heartbeatInterval + ") and the agent ping interval ("
          + agentPingInterval + "), or quiet frameworks and agents would be cut off");
    }
  }

  /** With no authentication and the default input limits. */
  public MasterConfig(String host, int port, String advertisedHostname,
      AllocationSettings allocation, Duration heartbeatInterval, Duration agentPingInterval,
      int maxMissedPings, JobsConfig jobs, int gatewayInstances) {
    this(host, port, advertisedHostname, allocation, heartbeatInterval, agentPingInterval,
        maxMissedPings, jobs, gatewayInstances, null);
  }

  /** With one gateway instance per available processor. */
  public MasterConfig(String host, int port, String advertisedHostname,
      AllocationSettings allocation, Duration heartbeatInterval, Duration agentPingInterval,
      int maxMissedPings, JobsConfig jobs) {
    this(host, port, advertisedHostname, allocation, heartbeatInterval, agentPingInterval,
        maxMissedPings, jobs, 0);
  }

  /** One gateway instance per available processor, at least one. */
  public static int defaultGatewayInstances() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public static MasterConfig defaults() {
    return new MasterConfig("0.0.0.0", 5050, "localhost", AllocationSettings.defaults(),
        Duration.ofSeconds(5), Duration.ofSeconds(15), 5, JobsConfig.defaults());
  }

  public Duration allocationInterval() {
    return allocation.interval();
  }

  public AllocationPolicy allocationPolicy() {
    return allocation.policy();
  }

  public Map<String, Integer> rolePriorities() {
    return allocation.rolePriorities();
  }

  public Duration offerTimeout() {
    return allocation.offerTimeout();
  }

  public MasterConfig withPort(int newPort) {
    return new MasterConfig(host, newPort, advertisedHostname, allocation, heartbeatInterval,
        agentPingInterval, maxMissedPings, jobs, gatewayInstances, security);
  }

  public MasterConfig withHost(String newHost) {
    return new MasterConfig(newHost, port, advertisedHostname, allocation, heartbeatInterval,
        agentPingInterval, maxMissedPings, jobs, gatewayInstances, security);
  }

  public MasterConfig withAgentTimeouts(Duration pingInterval, int maxMissed) {
    return new MasterConfig(host, port, advertisedHostname, allocation, heartbeatInterval,
        pingInterval, maxMissed, jobs, gatewayInstances, security);
  }

  public MasterConfig withHeartbeatInterval(Duration interval) {
    return new MasterConfig(host, port, advertisedHostname, allocation, interval,
        agentPingInterval, maxMissedPings, jobs, gatewayInstances, security);
  }

  public MasterConfig withAllocation(AllocationSettings settings) {
    return new MasterConfig(host, port, advertisedHostname, settings, heartbeatInterval,
        agentPingInterval, maxMissedPings, jobs, gatewayInstances, security);
  }

  public MasterConfig withAllocationInterval(Duration interval) {
    return withAllocation(allocation.withInterval(interval));
  }

  public MasterConfig withAllocationPolicy(AllocationPolicy policy, Map<String, Integer> priorities) {
    return withAllocation(allocation.withPolicy(policy, priorities));
  }

  public MasterConfig withOfferTimeout(Duration timeout) {
    return withAllocation(allocation.withOfferTimeout(timeout));
  }

  public MasterConfig withJobs(JobsConfig newJobs) {
    return new MasterConfig(host, port, advertisedHostname, allocation, heartbeatInterval,
        agentPingInterval, maxMissedPings, newJobs, gatewayInstances, security);
  }

  /** @param instances gateway verticles on this node; 0 = one per available processor */
  public MasterConfig withGatewayInstances(int instances) {
    return new MasterConfig(host, port, advertisedHostname, allocation, heartbeatInterval,
        agentPingInterval, maxMissedPings, jobs, instances, security);
  }

  public MasterConfig withSecurity(SecuritySettings settings) {
    return new MasterConfig(host, port, advertisedHostname, allocation, heartbeatInterval,
        agentPingInterval, maxMissedPings, jobs, gatewayInstances, settings);
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
