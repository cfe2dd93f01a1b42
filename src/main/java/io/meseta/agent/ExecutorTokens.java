package io.meseta.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-executor tokens ({@code --authenticate-executors}, Mesos'
 * {@code MESOS_EXECUTOR_AUTHENTICATION_TOKEN}): {@code <framework>.<executor>.<mac>}, the ids
 * in base64url and an HMAC-SHA256 of both under a secret kept in the agent's work dir (0600),
 * so an executor re-adopted after an agent restart still holds a valid token. A token proves
 * which executor holds it: one executor's token cannot act as another (403).
 */
final class ExecutorTokens {
  static final String VARIABLE = "MESOS_EXECUTOR_AUTHENTICATION_TOKEN";
  static final ExecutorTokens OFF = new ExecutorTokens(null);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] secret;

  private ExecutorTokens(byte[] secret) {
    this.secret = secret;
  }

  /** Blocking: reads the agent's secret, or creates it (32 random bytes) on first use. */
  static ExecutorTokens load(Path workDir) {
    Path file = workDir.resolve("executor-token.key");
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Files.createDirectories(workDir);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        Files.write(file, fresh);
      }
      return new ExecutorTokens(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the executor token secret " + file
          + ": " + e.getMessage() + "; check the work dir's permissions", e);
    }
  }

  boolean on() {
    return secret != null;
  }

  String mint(ExecutorRun.Key key) {
    String ids = encode(key.frameworkId().value()) + "." + encode(key.executorId());
    return ids + "." + B64.encodeToString(mac(ids));
  }

  /** Empty when {@code authorization} is the token of {@code key}; else why not (401 or 403). */
  Optional<Refusal> check(String authorization, ExecutorRun.Key key) {
    if (!on()) {
      return Optional.empty();
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(new Refusal(401, "Executor authentication required: send"
          + " 'Authorization: Bearer <" + VARIABLE + ">' (the agent put the token in the"
          + " executor's environment)"));
    }
    String token = authorization.substring(7).strip();
    int last = token.lastIndexOf('.');
    byte[] given;
    try {
      given = last < 0 ? new byte[0] : Base64.getUrlDecoder().decode(token.substring(last + 1));
    } catch (IllegalArgumentException e) {
      given = new byte[0];
    }
    if (last < 0 || !MessageDigest.isEqual(given, mac(token.substring(0, last)))) {
      return Optional.of(new Refusal(401, "Executor authentication failed: the bearer token"
          + " was not issued by this agent; use the " + VARIABLE + " the agent gave"));
    }
    if (!token.substring(0, last).equals(encode(key.frameworkId().value()) + "."
        + encode(key.executorId()))) {
      return Optional.of(new Refusal(403, "The bearer token belongs to another executor: it"
          + " may not act as executor " + key.executorId() + " of framework "
          + key.frameworkId()));
    }
    return Optional.empty();
  }

  private byte[] mac(String ids) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac.doFinal(ids.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String encode(String id) {
    return B64.encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  /** An HTTP status (401 or 403) and what to do about it. */
  record Refusal(int status, String message) {}
}
