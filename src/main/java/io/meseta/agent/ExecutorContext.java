package io.meseta.agent;

import io.meseta.tls.TlsSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;

/**
 * What an executor learns about the agent that runs it: its environment variables (Mesos names)
 * and the AgentInfo of its SUBSCRIBED event. The agent's id and port are read when needed: the
 * id changes when the master renames the agent.
 */
final class ExecutorContext {
  /** The PEM CA file an executor verifies its agent's certificate with (TLS agents only). */
  static final String AGENT_TLS_CA_VARIABLE = io.meseta.executor.ExecutorSettings.AGENT_TLS_CA;

  private final Supplier<String> agentId;
  private final String hostname;
  private final String endpointHost;
  private final IntSupplier port;
  private final AgentConfig.ExecutorTimeouts timeouts;
  private final TlsSettings tls;
  private final ExecutorTokens tokens;

  /**
   * @param bindHost the agent's HTTP interface; a wildcard is reached on the loopback address
   */
  ExecutorContext(Supplier<String> agentId, String hostname, String bindHost, IntSupplier port,
      AgentConfig.ExecutorTimeouts timeouts) {
    this(agentId, hostname, bindHost, port, timeouts, TlsSettings.OFF);
  }

  /** @param tls when the agent serves TLS, executors reach it with https and its CA */
  ExecutorContext(Supplier<String> agentId, String hostname, String bindHost, IntSupplier port,
      AgentConfig.ExecutorTimeouts timeouts, TlsSettings tls) {
    this(agentId, hostname, bindHost, port, timeouts, tls, ExecutorTokens.OFF);
  }

  /** @param tokens when on, each executor's environment carries its token */
  ExecutorContext(Supplier<String> agentId, String hostname, String bindHost, IntSupplier port,
      AgentConfig.ExecutorTimeouts timeouts, TlsSettings tls, ExecutorTokens tokens) {
    this.tokens = tokens;
    this.tls = tls;
    this.agentId = agentId;
    this.hostname = hostname;
    this.endpointHost = bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    this.port = port;
    this.timeouts = timeouts;
  }

  String agentId() {
    return agentId.get();
  }

  AgentInfo agentInfo() {
    AgentInfo.Builder info = AgentInfo.newBuilder().setHostname(hostname).setPort(port.getAsInt());
    if (agentId.get() != null) {
      info.setId(AgentID.newBuilder().setValue(agentId.get()));
    }
    return info.build();
  }

  /** The executor API's variables (reference §2); durations in Mesos' own text form. */
  Map<String, String> environment(ExecutorRun run) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MESOS_FRAMEWORK_ID", run.key.frameworkId().value());
    env.put("MESOS_EXECUTOR_ID", run.key.executorId());
    if (tls.serves()) {
      // The executor SDK reads the scheme; the CA file verifies the agent's certificate.
      env.put("MESOS_AGENT_ENDPOINT", "https://" + endpointHost + ":" + port.getAsInt());
      env.put(AGENT_TLS_CA_VARIABLE, tls.trustForOwnServer().caFile().toAbsolutePath().toString());
    } else {
      env.put("MESOS_AGENT_ENDPOINT", endpointHost + ":" + port.getAsInt());
    }
    if (agentId.get() != null) {
      env.put("MESOS_AGENT_ID", agentId.get());
      env.put("MESOS_SLAVE_ID", agentId.get());
    }
    if (tokens.on()) {
      env.put(ExecutorTokens.VARIABLE, tokens.mint(run.key));
    }
    env.put("MESOS_CHECKPOINT", run.spec.checkpoint() ? "1" : "0");
    long grace = run.spec.shutdownGracePeriodMillis() > 0 ? run.spec.shutdownGracePeriodMillis()
        : timeouts.shutdownGracePeriod().toMillis();
    env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", stout(Duration.ofMillis(grace)));
    env.put("MESOS_RECOVERY_TIMEOUT", stout(timeouts.recoveryTimeout()));
    env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", stout(timeouts.subscriptionBackoffMax()));
    return env;
  }

  /** Mesos prints durations as {@code 5secs} or {@code 250ms}; its executors parse that form. */
  static String stout(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "secs" : millis + "ms";
  }
}
