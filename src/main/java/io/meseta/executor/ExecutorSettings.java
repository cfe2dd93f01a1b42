package io.meseta.executor;

import io.meseta.tls.TlsScheme;
import io.meseta.tls.TlsTrust;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the executor's agent is and how to behave towards it, as the agent passes it in the
 * environment (Mesos names).
 *
 * @param frameworkId MESOS_FRAMEWORK_ID
 * @param executorId MESOS_EXECUTOR_ID
 * @param agentHost host of MESOS_AGENT_ENDPOINT ({@code host:port})
 * @param agentPort port of MESOS_AGENT_ENDPOINT
 * @param checkpoint MESOS_CHECKPOINT: re-subscribe after a disconnection instead of exiting
 * @param shutdownGracePeriod MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD
 * @param recoveryTimeout MESOS_RECOVERY_TIMEOUT: how long to keep trying to re-subscribe
 * @param subscriptionBackoffMax MESOS_SUBSCRIPTION_BACKOFF_MAX: cap of the retry delay
 * @param agentTls how to verify the agent when MESOS_AGENT_ENDPOINT is {@code https://...}
 *     (CA from {@value #AGENT_TLS_CA}, else the JVM's trust store); null = plain HTTP
 * @param authenticationToken MESOS_EXECUTOR_AUTHENTICATION_TOKEN, sent as a bearer token on
 *     every call when the agent authenticates executors; null when it does not
 */
public record ExecutorSettings(
    String frameworkId,
    String executorId,
    String agentHost,
    int agentPort,
    boolean checkpoint,
    Duration shutdownGracePeriod,
    Duration recoveryTimeout,
    Duration subscriptionBackoffMax,
    TlsTrust agentTls,
    String authenticationToken) {
  /** Set by a TLS agent: the PEM CA file that verifies its certificate. */
  public static final String AGENT_TLS_CA = "MESETA_AGENT_TLS_CA";

  /** Plain HTTP to the agent. */
  public ExecutorSettings(String frameworkId, String executorId, String agentHost, int agentPort,
      boolean checkpoint, Duration shutdownGracePeriod, Duration recoveryTimeout,
      Duration subscriptionBackoffMax) {
    this(frameworkId, executorId, agentHost, agentPort, checkpoint, shutdownGracePeriod,
        recoveryTimeout, subscriptionBackoffMax, null);
  }

  /** Without an authentication token. */
  public ExecutorSettings(String frameworkId, String executorId, String agentHost, int agentPort,
      boolean checkpoint, Duration shutdownGracePeriod, Duration recoveryTimeout,
      Duration subscriptionBackoffMax, TlsTrust agentTls) {
    this(frameworkId, executorId, agentHost, agentPort, checkpoint, shutdownGracePeriod,
        recoveryTimeout, subscriptionBackoffMax, agentTls, null);
  }

  /** @throws IllegalArgumentException naming the missing or malformed variable */
  public static ExecutorSettings fromEnvironment() {
    return from(System.getenv());
  }

  /** @throws IllegalArgumentException naming the missing or malformed variable */
  public static ExecutorSettings from(Map<String, String> env) {
    String given = required(env, "MESOS_AGENT_ENDPOINT");
    TlsTrust tls = TlsScheme.isTls(given) ? Objects.requireNonNullElse(
        TlsTrust.ofNullable(env.get(AGENT_TLS_CA)), TlsTrust.systemDefault()) : null;
    String endpoint = TlsScheme.strip(given);
    int colon = endpoint.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(endpoint.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("MESOS_AGENT_ENDPOINT must be host:port, got '" + endpoint + "'");
    }
    if (colon <= 0) {
      throw new IllegalArgumentException("MESOS_AGENT_ENDPOINT must be host:port, got '" + endpoint + "'");
    }
    String checkpoint = env.getOrDefault("MESOS_CHECKPOINT", "0").trim().toLowerCase(Locale.ROOT);
    return new ExecutorSettings(
        required(env, "MESOS_FRAMEWORK_ID"),
        required(env, "MESOS_EXECUTOR_ID"),
        endpoint.substring(0, colon),
        port,
        checkpoint.equals("1") || checkpoint.equals("true"),
        duration(env, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", Duration.ofSeconds(5)),
        duration(env, "MESOS_RECOVERY_TIMEOUT", Duration.ofMinutes(15)),
        duration(env, "MESOS_SUBSCRIPTION_BACKOFF_MAX", Duration.ofSeconds(2)),
        tls,
        env.get("MESOS_EXECUTOR_AUTHENTICATION_TOKEN"));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set: an executor is started by a Meseta"
          + " (or Mesos) agent, which sets it");
    }
    return value;
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return parseStout(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be a duration such as 5secs or 250ms, got '"
          + value + "'", e);
    }
  }

  /** Mesos' duration text: a number and a unit (ns, us, ms, secs, mins, hrs, days, weeks). */
  static Duration parseStout(String text) {
    int unitStart = 0;
    while (unitStart < text.length()
        && (Character.isDigit(text.charAt(unitStart)) || text.charAt(unitStart) == '.')) {
      unitStart++;
    }
    double value = Double.parseDouble(text.substring(0, unitStart));
    double nanosPerUnit = switch (text.substring(unitStart)) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "secs" -> 1e9;
      case "mins" -> 60e9;
      case "hrs" -> 3600e9;
      case "days" -> 86400e9;
      case "weeks" -> 7 * 86400e9;
      default -> throw new IllegalArgumentException("unknown unit '" + text.substring(unitStart) + "'");
    };
    return Duration.ofNanos(Math.round(value * nanosPerUnit));
  }
}
