package io.meseta.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an agent runs. Build one with {@link #builder(List, Path)}; every duration has a Mesos-like
 * default, tests shrink them.
 *
 * @param masters master nodes as {@code host:port}; the agent tries them in turn
 * @param hostname advertised host name; null = the local host name
 * @param bindHost interface the sandbox-files HTTP server listens on
 * @param port HTTP port for {@code /files}; 0 = a random free port (tests)
 * @param workDir root of the sandboxes; created when missing
 * @param resources Mesos text form; null = detect ({@link ResourceDetector})
 * @param attributes free-form labels sent at registration
 * @param statusRetryInitial first re-send delay of an unacknowledged status update
 * @param statusRetryMax cap of the doubling re-send delay
 * @param reconnectBackoffMin base delay before reconnecting after a failure
 * @param reconnectBackoffMax cap of the randomized exponential reconnect delay
 * @param registrationTimeout how long to wait for REGISTERED before trying again
 * @param killGracePeriod SIGTERM → SIGKILL delay when neither the kill nor the task says
 * @param executor how custom executors are supervised
 * @param masterAuthorization the {@code Authorization} header the agent presents to a master
 *     that authenticates agents ({@code --credential}); null presents none
 * @param recover what to do at start-up with the checkpoint of an earlier agent life in the
 *     same work dir
 * @param security TLS and the OS user of tasks ({@link AgentSecurity#EMBEDDED} by default)
 */
public record AgentConfig(
    List<String> masters,
    String hostname,
    String bindHost,
    int port,
    Path workDir,
    String resources,
    Map<String, String> attributes,
    Duration statusRetryInitial,
    Duration statusRetryMax,
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    Duration registrationTimeout,
    Duration killGracePeriod,
    ExecutorTimeouts executor,
    String masterAuthorization,
    Recover recover,
    AgentSecurity security) {

  /** Mesos' {@code --recover}: what a restarted agent does with what it left running. */
  public enum Recover {
    /** Re-adopt live tasks and executors and re-register with the old agent id (default). */
    RECONNECT,
    /** Kill what is left, forget the checkpoint, and register as a new agent. */
    CLEANUP
  }

  /**
   * Custom executors (Mesos agent flags in brackets).
   *
   * @param registrationTimeout how long a started executor has to SUBSCRIBE before it is
   *     destroyed [--executor_registration_timeout, 1 min]
   * @param shutdownGracePeriod SHUTDOWN → SIGKILL delay when the executor does not say
   *     [--executor_shutdown_grace_period, 5 s]
   * @param heartbeatInterval HEARTBEAT events on a subscribed executor's stream
   * @param recoveryTimeout how long a checkpointing executor may stay disconnected
   *     [--recovery_timeout, 15 min]
   * @param subscriptionBackoffMax cap of an executor's re-subscription backoff
   *     [--executor_reregistration_timeout, 2 s]
   */
  public record ExecutorTimeouts(
      Duration registrationTimeout,
      Duration shutdownGracePeriod,
      Duration heartbeatInterval,
      Duration recoveryTimeout,
      Duration subscriptionBackoffMax) {
    public static final ExecutorTimeouts DEFAULTS = new ExecutorTimeouts(Duration.ofMinutes(1),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(2));

    public ExecutorTimeouts {
      requirePositive(registrationTimeout, "executor registrationTimeout");
      requirePositive(shutdownGracePeriod, "executor shutdownGracePeriod");
      requirePositive(heartbeatInterval, "executor heartbeatInterval");
      requirePositive(recoveryTimeout, "executor recoveryTimeout");
      requirePositive(subscriptionBackoffMax, "executor subscriptionBackoffMax");
    }

    public ExecutorTimeouts withRegistrationTimeout(Duration value) {
      return new ExecutorTimeouts(value, shutdownGracePeriod, heartbeatInterval, recoveryTimeout,
          subscriptionBackoffMax);
    }

    public ExecutorTimeouts withShutdownGracePeriod(Duration value) {
      return new ExecutorTimeouts(registrationTimeout, value, heartbeatInterval, recoveryTimeout,
          subscriptionBackoffMax);
    }

    public ExecutorTimeouts withRecoveryTimeout(Duration value) {
      return new ExecutorTimeouts(registrationTimeout, shutdownGracePeriod, heartbeatInterval,
          value, subscriptionBackoffMax);
    }

    public ExecutorTimeouts withHeartbeatInterval(Duration value) {
      return new ExecutorTimeouts(registrationTimeout, shutdownGracePeriod, value, recoveryTimeout,
          subscriptionBackoffMax);
    }
  }

  /** Mesos declares a master gone after this many missed pings; so do we. */
  public static final int MISSED_PINGS_BEFORE_RECONNECT = 5;

  public AgentConfig {
    Objects.requireNonNull(masters, "masters");
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("an agent needs at least one master (host:port)");
    }
    for (String master : masters) {
      MasterAddress.parse(master); // fail at start-up, not at the first reconnect
    }
    masters = List.copyOf(masters);
    Objects.requireNonNull(bindHost, "bindHost");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    requirePositive(statusRetryInitial, "statusRetryInitial");
    requirePositive(statusRetryMax, "statusRetryMax");
    requirePositive(reconnectBackoffMin, "reconnectBackoffMin");
    requirePositive(reconnectBackoffMax, "reconnectBackoffMax");
    requirePositive(registrationTimeout, "registrationTimeout");
    requirePositive(killGracePeriod, "killGracePeriod");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(recover, "recover");
    security = security == null ? AgentSecurity.EMBEDDED : security;
  }

  public static Builder builder(List<String> masters, Path workDir) {
    return new Builder(masters, workDir);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }

  /** Defaults: port 5051 on all interfaces, detected resources, Mesos retry timings. */
  public static final class Builder {
    private final List<String> masters;
    private final Path workDir;
    private String hostname;
    private String bindHost = "0.0.0.0";
    private int port = 5051;
    private String resources;
    private Map<String, String> attributes = Map.of();
    private Duration statusRetryInitial = Duration.ofSeconds(10);
    private Duration statusRetryMax = Duration.ofMinutes(10);
    private Duration reconnectBackoffMin = Duration.ofMillis(500);
    private Duration reconnectBackoffMax = Duration.ofSeconds(30);
    private Duration registrationTimeout = Duration.ofSeconds(30);
    private Duration killGracePeriod = Duration.ofSeconds(3);
    private ExecutorTimeouts executor = ExecutorTimeouts.DEFAULTS;
    private Recover recover = Recover.RECONNECT;
    private String masterAuthorization;
    private AgentSecurity security = AgentSecurity.EMBEDDED;

    private Builder(List<String> masters, Path workDir) {
      this.masters = masters;
      this.workDir = workDir;
    }

    public Builder hostname(String value) {
      this.hostname = value;
      return this;
    }

    public Builder bindHost(String value) {
      this.bindHost = value;
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public Builder resources(String value) {
      this.resources = value;
      return this;
    }

    public Builder attributes(Map<String, String> value) {
      this.attributes = value;
      return this;
    }

    public Builder statusRetry(Duration initial, Duration max) {
      this.statusRetryInitial = initial;
      this.statusRetryMax = max;
      return this;
    }

    public Builder reconnectBackoff(Duration min, Duration max) {
      this.reconnectBackoffMin = min;
      this.reconnectBackoffMax = max;
      return this;
    }

    public Builder registrationTimeout(Duration value) {
      this.registrationTimeout = value;
      return this;
    }

    public Builder killGracePeriod(Duration value) {
      this.killGracePeriod = value;
      return this;
    }

    public Builder executor(ExecutorTimeouts value) {
      this.executor = value;
      return this;
    }

    /** @param headerValue e.g. {@code Basic <base64 of principal:secret>} */
    public Builder masterAuthorization(String headerValue) {
      this.masterAuthorization = headerValue;
      return this;
    }

    public Builder recover(Recover value) {
      this.recover = value;
      return this;
    }

    public Builder security(AgentSecurity value) {
      this.security = value;
      return this;
    }

    public AgentConfig build() {
      return new AgentConfig(
          masters,
          hostname,
          bindHost,
          port,
          workDir,
          resources,
          attributes,
          statusRetryInitial,
          statusRetryMax,
          reconnectBackoffMin,
          reconnectBackoffMax,
          registrationTimeout,
          killGracePeriod,
          executor,
          masterAuthorization,
          recover,
          security);
    }
  }
}
