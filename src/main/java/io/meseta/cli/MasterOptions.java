package io.meseta.cli;

import io.meseta.core.allocation.AllocationPolicy;
import io.meseta.jobs.JobsConfig;
import io.meseta.master.AllocationSettings;
import io.meseta.master.MasterConfig;
import io.meseta.core.preemption.PreemptionPolicy;
import java.time.Duration;
import java.util.Set;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Master flags shared by {@code master} and {@code dev}; unset flags fall back to the config. */
final class MasterOptions {
  @Option(names = "--port", description = "HTTP/WebSocket port (default 5050)")
  Integer port;

  @Option(names = "--host", description = "interface to bind (default 0.0.0.0)")
  String host;

  @Option(names = "--hostname", description = "host name advertised to frameworks")
  String hostname;

  @Option(names = "--config", description = "settings file (default conf/meseta.yaml)")
  Path config;

  @Option(names = "--allocation-policy",
      description = "order of offers among frameworks: drf (default), priority, fcfs")
  String allocationPolicy;

  @Option(names = "--role-priorities",
      description = "for --allocation-policy priority: role=priority pairs, e.g. prod=10,batch=0")
  String rolePriorities;

  Settings settings() {
    return Settings.load(config == null ? Path.of("conf", "meseta.yaml") : config, config != null);
  }

  @Option(names = "--preemption", arity = "1",
      description = "preempt lower-priority tasks for higher-priority demand: true|false"
          + " (default false; settings in the preemption section of conf/meseta.yaml)")
  Boolean preemptionEnabled;

  @Option(names = "--offer-timeout",
      description = "rescind offers not answered within this, e.g. 30s (default: never)")
  String offerTimeout;

  @Option(names = "--gateway-instances",
      description = "gateway verticles sharing the port, each on its own event loop"
          + " (default: one per available processor)")
  Integer gatewayInstances;

  /** --authenticate, --authenticate-agents, --credentials; sections security and limits. */
  @picocli.CommandLine.Mixin
  SecurityOptions security = new SecurityOptions();

  /** --tls-cert, --tls-key, --tls-ca; security.tls_* of conf/meseta.yaml. */
  @picocli.CommandLine.Mixin
  TlsOptions tls = new TlsOptions();

  MasterConfig masterConfig(Settings s) {
    MasterConfig d = MasterConfig.defaults();
    AllocationSettings allocation = new AllocationSettings(
        s.duration("master", "allocation_interval", d.allocationInterval()),
        AllocationPolicy.parse(allocationPolicy != null
            ? allocationPolicy : s.string("master", "allocation_policy", "drf")),
        RolePriorities.parse(rolePriorities != null
            ? rolePriorities : s.string("master", "role_priorities", "")),
        offerTimeout != null ? Settings.parseDuration("--offer-timeout", offerTimeout)
            : s.duration("master", "offer_timeout", Duration.ZERO),
        preemption(s),
        s.duration("preemption", "grace_period", Duration.ofSeconds(5)));
    return new MasterConfig(
        host != null ? host : s.string("master", "host", d.host()),
        port != null ? port : s.integer("master", "port", d.port()),
        hostname != null ? hostname : s.string("master", "hostname", d.advertisedHostname()),
        allocation,
        s.duration("master", "heartbeat_interval", d.heartbeatInterval()),
        s.duration("master", "agent_ping_interval", d.agentPingInterval()),
        s.integer("master", "max_missed_pings", d.maxMissedPings()),
        jobsConfig(s),
        gatewayInstances != null ? gatewayInstances : s.integer("master", "gateway_instances", 0),
        security.settings(s).withTls(tls.settings(s)));
  }

  private PreemptionPolicy preemption(Settings s) {
    boolean enabled = preemptionEnabled != null ? preemptionEnabled
        : Boolean.parseBoolean(s.string("preemption", "enabled", "false"));
    String protectedRoles = s.string("preemption", "protected_roles", "");
    return new PreemptionPolicy(enabled, s.integer("preemption", "min_priority_gap", 1),
        protectedRoles.isBlank() ? Set.of() : Set.of(protectedRoles.split("\\s*,\\s*")));
  }

  private static JobsConfig jobsConfig(Settings s) {
    return JobsConfig.parse(s.string("jobs", "enabled", "true"), s.string("jobs", "role", "*"),
        s.string("jobs", "queue_policy", "fcfs"), s.string("jobs", "queues", ""),
        s.string("jobs", "scorer", "best-fit"), s.string("jobs", "aging_per_minute", "1.0"),
        s.string("jobs", "defragment", "false"));
  }
}
