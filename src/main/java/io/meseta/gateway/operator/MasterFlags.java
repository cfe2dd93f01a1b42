package io.meseta.gateway.operator;

import io.meseta.master.MasterConfig;
import io.meseta.master.MasterIdentity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The master's effective settings under Mesos' flag names, values as strings the way Mesos
 * prints them ({@code "1secs"}, {@code "100ms"}), for {@code /master/flags}, {@code flags} in
 * {@code /master/state} and GET_FLAGS. Settings Meseta has no knob for show Mesos' fixed values.
 */
final class MasterFlags {
  /** Mesos' --max_operator_event_stream_subscribers default, which Meseta enforces too. */
  static final int MAX_OPERATOR_SUBSCRIBERS = 1000;

  private MasterFlags() {}

  static Map<String, String> of(MasterConfig config, MasterIdentity identity) {
    Map<String, String> flags = new TreeMap<>();
    flags.put("ip", config.host());
    flags.put("port", Integer.toString(identity.port()));
    flags.put("hostname", identity.hostname());
    flags.put("allocation_interval", duration(config.allocationInterval()));
    flags.put("agent_ping_timeout", duration(config.agentPingInterval()));
    flags.put("max_agent_ping_timeouts", Integer.toString(config.maxMissedPings()));
    flags.put("allocation_policy", config.allocationPolicy().name().toLowerCase(Locale.ROOT));
    flags.put("framework_sorter", "drf");
    flags.put("role_sorter", "drf");
    flags.put("scheduler_heartbeat_interval", duration(config.heartbeatInterval()));
    flags.put("registry", "in_memory");
    flags.put("max_completed_frameworks", "50");
    flags.put("max_completed_tasks_per_framework", "1000");
    flags.put("max_unreachable_tasks_per_framework", "1000");
    flags.put("max_operator_event_stream_subscribers", Integer.toString(MAX_OPERATOR_SUBSCRIBERS));
    flags.put("min_allocatable_resources", "cpus:0.01|mem:32");
    flags.put("filter_gpu_resources", "true");
    flags.put("authenticate_agents", "false");
    flags.put("authenticate_frameworks", "false");
    flags.put("authenticate_http_frameworks", "false");
    flags.put("authenticate_http_readonly", "false");
    flags.put("authenticate_http_readwrite", "false");
    flags.put("version", "false");
    return flags;
  }

  /** A duration as stout prints it: the largest unit below its size, no trailing zeros. */
  static String duration(Duration d) {
    long nanos = d.toNanos();
    long[] units = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L,
        3_600_000_000_000L, 86_400_000_000_000L, 604_800_000_000_000L};
    String[] names = {"ns", "us", "ms", "secs", "mins", "hrs", "days", "weeks"};
    int unit = 0;
    while (unit + 1 < units.length && Math.abs(nanos) >= units[unit + 1]) {
      unit++;
    }
    BigDecimal value = BigDecimal.valueOf(nanos)
        .divide(BigDecimal.valueOf(units[unit]), 6, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
    return value.toPlainString() + names[unit];
  }
}
