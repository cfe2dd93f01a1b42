package io.meseta.master;

import io.meseta.core.allocation.AllocationPolicy;
import io.meseta.jobs.JobsConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of a master node. Defaults follow Mesos (reference/mesos-api.md §0) except the
 * scheduler heartbeat, which is 5 s so clients with a 10 s idle timeout never trip (§9.13).
 *
 * @param agentPingInterval how often the master pings each agent
 * @param maxMissedPings after this many unanswered pings an agent is unreachable
 * @param allocationPolicy the order in which frameworks are offered resources
 * @param rolePriorities priority per role, for the priority policy (unnamed roles: 0)
 * @param jobs the built-in job service's settings
 */
public record MasterConfig(
    String host,
    int port,
    String advertisedHostname,
    Duration allocationInterval,
    Duration heartbeatInterval,
    Duration agentPingInterval,
    int maxMissedPings,
    AllocationPolicy allocationPolicy,
    Map<String, Integer> rolePriorities,
    JobsConfig jobs) {

  public MasterConfig {
    requirePositive(allocationInterval, "allocation interval");
    requirePositive(heartbeatInterval, "heartbeat interval");
    requirePositive(agentPingInterval, "agent ping interval");
    if (maxMissedPings < 1) {
      throw new IllegalArgumentException("max missed pings must be at least 1, got " + maxMissedPings);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    allocationPolicy = allocationPolicy == null ? AllocationPolicy.DRF : allocationPolicy;
    rolePriorities = rolePriorities == null ? Map.of() : Map.copyOf(rolePriorities);
    jobs = jobs == null ? JobsConfig.defaults() : jobs;
  }

  /** Without job service settings: the defaults apply. */
  public MasterConfig(String host, int port, String advertisedHostname,
      Duration allocationInterval, Duration heartbeatInterval, Duration agentPingInterval,
      int maxMissedPings, AllocationPolicy allocationPolicy, Map<String, Integer> rolePriorities) {
    this(host, port, advertisedHostname, allocationInterval, heartbeatInterval, agentPingInterval,
        maxMissedPings, allocationPolicy, rolePriorities, JobsConfig.defaults());
  }

  public static MasterConfig defaults() {
    return new MasterConfig(
        "0.0.0.0", 5050, "localhost", Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(15), 5, AllocationPolicy.DRF, Map.of());
  }

  public MasterConfig withPort(int newPort) {
    return new MasterConfig(host, newPort, advertisedHostname, allocationInterval,
        heartbeatInterval, agentPingInterval, maxMissedPings, allocationPolicy, rolePriorities, jobs);
  }

  public MasterConfig withHost(String newHost) {
    return new MasterConfig(newHost, port, advertisedHostname, allocationInterval,
        heartbeatInterval, agentPingInterval, maxMissedPings, allocationPolicy, rolePriorities, jobs);
  }

  public MasterConfig withAgentTimeouts(Duration pingInterval, int maxMissed) {
    return new MasterConfig(host, port, advertisedHostname, allocationInterval,
        heartbeatInterval, pingInterval, maxMissed, allocationPolicy, rolePriorities, jobs);
  }

  public MasterConfig withHeartbeatInterval(Duration interval) {
    return new MasterConfig(host, port, advertisedHostname, allocationInterval, interval,
        agentPingInterval, maxMissedPings, allocationPolicy, rolePriorities, jobs);
  }

  public MasterConfig withAllocationInterval(Duration interval) {
    return new MasterConfig(host, port, advertisedHostname, interval, heartbeatInterval,
        agentPingInterval, maxMissedPings, allocationPolicy, rolePriorities, jobs);
  }

  public MasterConfig withAllocationPolicy(AllocationPolicy policy, Map<String, Integer> priorities) {
    return new MasterConfig(host, port, advertisedHostname, allocationInterval, heartbeatInterval,
        agentPingInterval, maxMissedPings, policy, priorities, jobs);
  }

  public MasterConfig withJobs(JobsConfig newJobs) {
    return new MasterConfig(host, port, advertisedHostname, allocationInterval, heartbeatInterval,
        agentPingInterval, maxMissedPings, allocationPolicy, rolePriorities, newJobs);
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
