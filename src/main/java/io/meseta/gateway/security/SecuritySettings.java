package io.meseta.gateway.security;

import java.util.Objects;

/** A master's authentication settings and input limits, both checked at its gateway. */
public record SecuritySettings(AuthSettings auth, InputLimits limits) {
  public SecuritySettings {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(limits, "limits");
  }

  /** No authentication, default limits: what {@code meseta dev} runs with. */
  public static SecuritySettings defaults() {
    return new SecuritySettings(AuthSettings.off(), InputLimits.defaults());
  }

  public SecuritySettings withAuth(AuthSettings newAuth) {
    return new SecuritySettings(newAuth, limits);
  }

  public SecuritySettings withLimits(InputLimits newLimits) {
    return new SecuritySettings(auth, newLimits);
  }
}
