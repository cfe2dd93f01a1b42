package io.meseta.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The credential of the master's own clients (the job service subscribes over the scheduler
 * WebSocket like any framework): a secret drawn at random once per process, never written
 * anywhere, so it needs no configuration and is useless outside this JVM.
 */
public final class InternalCredential {
  /** The job service's principal; its FrameworkInfo carries it. */
  public static final String JOBS_PRINCIPAL = "meseta-jobs";

  private static final String SECRET = newSecret();

  private InternalCredential() {}

  /** The {@code Authorization} header value of the job service. */
  public static String jobsAuthorization() {
    return "Basic " + Base64.getEncoder().encodeToString(
        (JOBS_PRINCIPAL + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
  }

  static boolean matches(String principal, String secret) {
    boolean samePrincipal = JOBS_PRINCIPAL.equals(principal);
    boolean sameSecret = MessageDigest.isEqual(SECRET.getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_8));
    return samePrincipal & sameSecret;
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
