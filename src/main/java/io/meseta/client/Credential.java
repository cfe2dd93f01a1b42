package io.meseta.client;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal and its secret, as a framework, an agent or the CLI presents them to a master that
 * authenticates (HTTP Basic). {@link #toString()} never shows the secret.
 */
public record Credential(String principal, String secret) {
  public static final String PRINCIPAL_ENV = "MESETA_PRINCIPAL";
  public static final String SECRET_ENV = "MESETA_SECRET";

  public Credential {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(secret, "secret");
    if (principal.isEmpty() || principal.contains(":")) {
      throw new IllegalArgumentException("A principal must be non-empty and contain no ':', got '"
          + principal + "'");
    }
  }

  /** The {@code Authorization} header value. */
  public String basicAuthorization() {
    return "Basic " + Base64.getEncoder()
        .encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a Mesos credential file ({@code --credential}): JSON
   * {@code {"principal":"p","secret":"s"}}, or the text form {@code p s} on one line.
   */
  public static Credential fromFile(Path file) {
    String text = read(file).strip();
    if (text.startsWith("{")) {
      try {
        JsonObject json = new JsonObject(text);
        return new Credential(json.getString("principal", ""), json.getString("secret", ""));
      } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " is not a credential file: expecting"
            + " {\"principal\":\"...\",\"secret\":\"...\"}");
      }
    }
    String[] words = text.split("\\s+");
    if (words.length != 2) {
      throw new IllegalArgumentException(file + " is not a credential file: expecting"
          + " {\"principal\":\"...\",\"secret\":\"...\"} or 'principal secret' on one line");
    }
    return new Credential(words[0], words[1]);
  }

  /** A principal given on the command line with its secret in a file (trailing newline cut). */
  public static Credential withSecretFile(String principal, Path secretFile) {
    return new Credential(principal, read(secretFile).strip());
  }

  /** From {@code MESETA_PRINCIPAL} and {@code MESETA_SECRET}, when both are set. */
  public static Optional<Credential> fromEnvironment(Map<String, String> env) {
    String principal = env.get(PRINCIPAL_ENV);
    String secret = env.get(SECRET_ENV);
    return principal == null || principal.isEmpty() || secret == null
        ? Optional.empty()
        : Optional.of(new Credential(principal, secret));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "Credential[principal=" + principal + "]";
  }
}
