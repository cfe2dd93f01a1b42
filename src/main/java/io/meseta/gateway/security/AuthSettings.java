package io.meseta.gateway.security;

import java.util.Objects;

/**
 * Whether and how clients authenticate (Mesos: {@code --authenticate},
 * {@code --authenticate_agents}, {@code --credentials}); off by default, as in {@code meseta dev}.
 *
 * @param frameworks frameworks and operators must authenticate (scheduler, operator, jobs and
 *     metrics endpoints, the console's data)
 * @param agents agents must authenticate before they may open their WebSocket and register
 * @param credentials principals and secrets for HTTP Basic
 * @param jwt how bearer tokens are verified; null when only HTTP Basic is accepted
 */
public record AuthSettings(
    boolean frameworks, boolean agents, Credentials credentials, JwtKey jwt) {

  public AuthSettings {
    Objects.requireNonNull(credentials, "credentials");
    if ((frameworks || agents) && credentials.isEmpty() && jwt == null) {
      throw new IllegalArgumentException("Authentication is on but nobody could pass it: give"
          + " --credentials FILE (Mesos JSON shape) or a JWT key (security.jwt_secret_file or"
          + " security.jwt_public_key_file)");
    }
  }

  public static AuthSettings off() {
    return new AuthSettings(false, false, Credentials.none(), null);
  }

  /**
   * A key that verifies bearer tokens.
   *
   * @param algorithm {@code HS256} (shared secret) or a public-key algorithm such as
   *     {@code RS256} / {@code ES256}
   * @param key the shared secret, or the public key in PEM
   */
  public record JwtKey(String algorithm, String key) {
    public JwtKey {
      Objects.requireNonNull(algorithm, "algorithm");
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("The JWT key for " + algorithm + " is empty: give"
            + " the HS256 secret or the public key in PEM");
      }
    }
  }
}
