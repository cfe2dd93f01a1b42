package io.meseta.client;

import io.meseta.tls.TlsTrust;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SchedulerDriver} behaves.
 *
 * @param autoAcknowledge acknowledge each status update that carries a uuid after
 *     {@link Scheduler#statusUpdate} returns
 * @param reconnect after losing a subscribed connection, re-subscribe (same framework id) to the
 *     next master of the list, with randomized exponential backoff
 * @param maxBackoff the cap of that backoff (it starts at about 200 ms)
 * @param heartbeatTimeout a connection with no event for this long, heartbeats included, is lost
 * @param startAttempts connection attempts (rotating through the masters) before {@code start()}
 *     fails
 * @param authorization the {@code Authorization} header sent to a master that authenticates
 *     ({@link #withCredential}, {@link #withBearerToken}); null sends none
 * @param tls how to verify masters over TLS ({@link #withTlsTrust}); TLS is used for
 *     {@code https://} master addresses, and for every master when a CA file is given
 */
public record DriverOptions(
    boolean autoAcknowledge,
    boolean reconnect,
    Duration maxBackoff,
    Duration heartbeatTimeout,
    int startAttempts,
    String authorization,
    TlsTrust tls) {

  /** Mesos' documented scheduler rule: no event for 5 heartbeat intervals (15 s) means lost. */
  public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(75);

  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  public static final int DEFAULT_START_ATTEMPTS = 5;

  public DriverOptions {
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    if (maxBackoff.isNegative() || maxBackoff.isZero()) {
      throw new IllegalArgumentException("maxBackoff must be positive, got " + maxBackoff);
    }
    if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
      throw new IllegalArgumentException(
          "heartbeatTimeout must be positive, got " + heartbeatTimeout);
    }
    if (startAttempts < 1) {
      throw new IllegalArgumentException("startAttempts must be at least 1, got " + startAttempts);
    }
  }

  public DriverOptions(boolean autoAcknowledge, boolean reconnect, Duration maxBackoff,
      Duration heartbeatTimeout, int startAttempts, String authorization) {
    this(autoAcknowledge, reconnect, maxBackoff, heartbeatTimeout, startAttempts, authorization,
        null);
  }

  public DriverOptions(boolean autoAcknowledge, boolean reconnect, Duration maxBackoff,
      Duration heartbeatTimeout, int startAttempts) {
    this(autoAcknowledge, reconnect, maxBackoff, heartbeatTimeout, startAttempts, null);
  }

  public DriverOptions(
      boolean autoAcknowledge, boolean reconnect, Duration maxBackoff, Duration heartbeatTimeout) {
    this(autoAcknowledge, reconnect, maxBackoff, heartbeatTimeout, DEFAULT_START_ATTEMPTS);
  }

  public static DriverOptions defaults() {
    return new DriverOptions(true, true, DEFAULT_MAX_BACKOFF, DEFAULT_HEARTBEAT_TIMEOUT);
  }

  public DriverOptions withHeartbeatTimeout(Duration timeout) {
    return new DriverOptions(autoAcknowledge, reconnect, maxBackoff, timeout, startAttempts,
        authorization, tls);
  }

  public DriverOptions withMaxBackoff(Duration backoff) {
    return new DriverOptions(autoAcknowledge, reconnect, backoff, heartbeatTimeout, startAttempts,
        authorization, tls);
  }

  public DriverOptions withAutoAcknowledge(boolean enabled) {
    return new DriverOptions(enabled, reconnect, maxBackoff, heartbeatTimeout, startAttempts,
        authorization, tls);
  }

  public DriverOptions withReconnect(boolean enabled) {
    return new DriverOptions(autoAcknowledge, enabled, maxBackoff, heartbeatTimeout, startAttempts,
        authorization, tls);
  }

  public DriverOptions withStartAttempts(int attempts) {
    return new DriverOptions(autoAcknowledge, reconnect, maxBackoff, heartbeatTimeout, attempts,
        authorization, tls);
  }

  /** Authenticates with HTTP Basic as this principal. */
  public DriverOptions withCredential(Credential credential) {
    return withAuthorization(credential.basicAuthorization());
  }

  /** Sends this {@code Authorization} header value as it is (e.g. one built elsewhere). */
  public DriverOptions withAuthorization(String headerValue) {
    return new DriverOptions(autoAcknowledge, reconnect, maxBackoff, heartbeatTimeout,
        startAttempts, headerValue, tls);
  }

  /** Authenticates with a bearer token (a JWT naming the principal in {@code sub}). */
  public DriverOptions withBearerToken(String token) {
    return withAuthorization("Bearer " + token);
  }

  /**
   * Verifies masters against the PEM CA certificate(s) in {@code caFile}, host names included,
   * and reaches every master over TLS ({@code wss://}).
   */
  public DriverOptions withTlsTrust(Path caFile) {
    return new DriverOptions(autoAcknowledge, reconnect, maxBackoff, heartbeatTimeout,
        startAttempts, authorization, new TlsTrust(caFile));
  }

  /** The record's text without the header, which carries a secret. */
  @Override
  public String toString() {
    return "DriverOptions[autoAcknowledge=" + autoAcknowledge + ", reconnect=" + reconnect
        + ", maxBackoff=" + maxBackoff + ", heartbeatTimeout=" + heartbeatTimeout
        + ", startAttempts=" + startAttempts + ", authenticated=" + (authorization != null)
        + ", tls=" + tls + "]";
  }
}
