package io.meseta.gateway.security;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The principals and secrets the master accepts, from a file in Mesos' {@code --credentials}
 * JSON shape: {@code {"credentials":[{"principal":"p","secret":"s"}]}}. Secrets are kept only as
 * SHA-256 digests and compared in constant time, so neither a secret's content nor its length nor
 * whether a principal exists shows in how long a check takes.
 */
public final class Credentials {
  private static final byte[] NO_SUCH_PRINCIPAL = digest("\0no such principal\0");

  private final Map<String, byte[]> secretDigests;

  private Credentials(Map<String, byte[]> secretDigests) {
    this.secretDigests = Map.copyOf(secretDigests);
  }

  public static Credentials none() {
    return new Credentials(Map.of());
  }

  public static Credentials of(Map<String, String> secrets) {
    Map<String, byte[]> digests = new HashMap<>();
    secrets.forEach((principal, secret) -> digests.put(principal, digest(secret)));
    return new Credentials(digests);
  }

  /** Reads a credentials file; every problem names the file and what to fix. */
  public static Credentials load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the credentials file " + file + ": " + e);
    }
    return parse(text, file.toString());
  }

  static Credentials parse(String json, String source) {
    JsonArray entries;
    try {
      entries = new JsonObject(json).getJsonArray("credentials");
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException(source + " is not a credentials file: expecting"
          + " {\"credentials\":[{\"principal\":\"...\",\"secret\":\"...\"}]}");
    }
    if (entries == null || entries.isEmpty()) {
      throw new IllegalArgumentException(source + " lists no credentials: expecting"
          + " {\"credentials\":[{\"principal\":\"...\",\"secret\":\"...\"}]}");
    }
    Map<String, String> secrets = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.getValue(i);
      String principal = entry instanceof JsonObject o ? o.getString("principal") : null;
      String secret = entry instanceof JsonObject o ? o.getString("secret") : null;
      if (principal == null || principal.isEmpty() || secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException(source + ": credentials[" + i + "] needs a non-empty"
            + " 'principal' and 'secret'");
      }
      if (secrets.put(principal, secret) != null) {
        throw new IllegalArgumentException(source + ": principal '" + principal
            + "' is listed twice");
      }
    }
    return of(secrets);
  }

  public boolean isEmpty() {
    return secretDigests.isEmpty();
  }

  /** Whether {@code secret} is this principal's; takes the same time whatever the answer. */
  public boolean verify(String principal, String secret) {
    byte[] expected = secretDigests.get(principal);
    boolean known = expected != null;
    boolean equal = MessageDigest.isEqual(known ? expected : NO_SUCH_PRINCIPAL, digest(secret));
    return known & equal;
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
