package io.meseta.gateway.security;

import io.meseta.acl.Acls;
import io.meseta.tls.TlsSettings;
import java.util.Objects;

/**
 * A master's authentication settings and input limits, both checked at its gateway, and its
 * ACLs (checked where each action enters: the gateway and the services), and its TLS (what the
 * gateway serves, how the master's own clients verify servers).
 */
public record SecuritySettings(
    AuthSettings auth, InputLimits limits, Acls acls, TlsSettings tls, RateLimits rates) {
  public SecuritySettings {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(acls, "acls");
    tls = tls == null ? TlsSettings.OFF : tls;
    rates = rates == null ? RateLimits.defaults() : rates;
  }

  /** With the default rate limits. */
  public SecuritySettings(AuthSettings auth, InputLimits limits, Acls acls, TlsSettings tls) {
    this(auth, limits, acls, tls, RateLimits.defaults());
  }

  /** Without TLS. */
  public SecuritySettings(AuthSettings auth, InputLimits limits, Acls acls) {
    this(auth, limits, acls, TlsSettings.OFF);
  }

  /** Without ACLs: every authenticated (or, with authentication off, any) request is allowed. */
  public SecuritySettings(AuthSettings auth, InputLimits limits) {
    this(auth, limits, Acls.none());
  }

  /** No authentication, default limits: what {@code meseta dev} runs with. */
  public static SecuritySettings defaults() {
    return new SecuritySettings(AuthSettings.off(), InputLimits.defaults());
  }

  public SecuritySettings withAuth(AuthSettings newAuth) {
    return new SecuritySettings(newAuth, limits, acls, tls, rates);
  }

  public SecuritySettings withLimits(InputLimits newLimits) {
    return new SecuritySettings(auth, newLimits, acls, tls, rates);
  }

  public SecuritySettings withAcls(Acls newAcls) {
    return new SecuritySettings(auth, limits, newAcls, tls, rates);
  }

  public SecuritySettings withTls(TlsSettings newTls) {
    return new SecuritySettings(auth, limits, acls, newTls, rates);
  }

  public SecuritySettings withRates(RateLimits newRates) {
    return new SecuritySettings(auth, limits, acls, tls, newRates);
  }
}
