package io.meseta.gateway.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns an {@code Authorization} header into a principal: HTTP Basic against the credentials,
 * or {@code Bearer <JWT>} whose {@code sub} is the principal. Failures are
 * {@link AuthenticationFailure}s that say what was missing or wrong, never which principals
 * exist.
 */
public final class Authenticator {
  /** The realm of every challenge (Mesos has one per endpoint kind; one suffices here). */
  public static final String REALM = "meseta";

  private final Credentials credentials;
  private final JWTAuth jwt;

  public Authenticator(Vertx vertx, AuthSettings settings) {
    this.credentials = settings.credentials();
    this.jwt = settings.jwt() == null ? null : JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions()
            .setAlgorithm(settings.jwt().algorithm())
            .setBuffer(settings.jwt().key())));
  }

  /** The {@code WWW-Authenticate} challenges of a 401: the schemes this master accepts. */
  public List<String> challenges() {
    List<String> schemes = new ArrayList<>();
    if (!credentials.isEmpty()) {
      schemes.add("Basic realm=\"" + REALM + "\"");
    }
    if (jwt != null) {
      schemes.add("Bearer realm=\"" + REALM + "\"");
    }
    return schemes;
  }

  /** The authenticated principal; fails with an {@link AuthenticationFailure}. */
  public Future<String> authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Future.failedFuture(new AuthenticationFailure(true, "Authentication required: send"
          + " an 'Authorization' header (" + accepted() + ")"));
    }
    int space = authorization.indexOf(' ');
    String scheme = space < 0 ? authorization : authorization.substring(0, space);
    String value = space < 0 ? "" : authorization.substring(space + 1).strip();
    // Basic is always understood: the master's own job service uses it even when only JWT is.
    if (scheme.equalsIgnoreCase("Basic")) {
      return basic(value);
    }
    if (scheme.equalsIgnoreCase("Bearer") && jwt != null) {
      return bearer(value);
    }
    return Future.failedFuture(new AuthenticationFailure(false, "Authentication scheme '"
        + scheme + "' is not accepted here: use " + accepted()));
  }

  private Future<String> basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return failed("HTTP Basic credentials are not valid base64 of 'principal:secret'");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return failed("HTTP Basic credentials must be base64 of 'principal:secret'");
    }
    String principal = decoded.substring(0, colon);
    String secret = decoded.substring(colon + 1);
    return credentials.verify(principal, secret) | InternalCredential.matches(principal, secret)
        ? Future.succeededFuture(principal)
        : failed("Authentication failed: wrong principal or secret");
  }

  private Future<String> bearer(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> failed("Authentication failed: the bearer token is not a valid JWT"
            + " signed with this master's key, or it has expired"))
        .compose(user -> {
          String subject = subjectOf(user);
          return subject == null || subject.isEmpty()
              ? failed("Authentication failed: the JWT has no 'sub' claim naming the principal")
              : Future.succeededFuture(subject);
        });
  }

  private static String subjectOf(User user) {
    Object sub = user.principal().getValue("sub");
    if (sub instanceof String s) {
      return s;
    }
    Object claims = user.attributes().getValue("accessToken");
    return claims instanceof io.vertx.core.json.JsonObject json ? json.getString("sub") : null;
  }

  private String accepted() {
    List<String> schemes = new ArrayList<>();
    if (!credentials.isEmpty()) {
      schemes.add("'Basic <base64 of principal:secret>'");
    }
    if (jwt != null) {
      schemes.add("'Bearer <JWT with the principal in sub>'");
    }
    return String.join(" or ", schemes);
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(new AuthenticationFailure(false, message));
  }

  /** Why a request is not authenticated; {@code missing} when it carried no credentials. */
  public static final class AuthenticationFailure extends RuntimeException {
    private final boolean missing;

    AuthenticationFailure(boolean missing, String message) {
      super(message, null, false, false);
      this.missing = missing;
    }

    public boolean missing() {
      return missing;
    }
  }
}
