package io.meseta.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Basic against the credentials, HS256 and RS256 bearer tokens, and every way to fail. */
class AuthenticatorTest {
  private static final Vertx VERTX = Vertx.vertx();
  private static final String HS_KEY = "an HS256 key that is long enough for the HMAC";

  private final Authenticator hs256 = new Authenticator(VERTX, new AuthSettings(true, false,
      Credentials.of(Map.of("ops", "s3cret")), new AuthSettings.JwtKey("HS256", HS_KEY)));

  @AfterAll
  static void close() throws Exception {
    VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void basicAcceptsTheRightSecretOnly() throws Exception {
    assertThat(principal(hs256.authenticate(basic("ops:s3cret")))).isEqualTo("ops");
    assertThat(failure(hs256.authenticate(basic("ops:wrong"))))
        .isEqualTo("Authentication failed: wrong principal or secret");
    assertThat(failure(hs256.authenticate(basic("nobody:s3cret"))))
        .isEqualTo("Authentication failed: wrong principal or secret");
    assertThat(failure(hs256.authenticate(basic("no colon")))).contains("'principal:secret'");
    assertThat(failure(hs256.authenticate("Basic %%%"))).contains("not valid base64");
  }

  @Test
  void missingCredentialsAndUnknownSchemesSayWhatIsAccepted() throws Exception {
    assertThat(failure(hs256.authenticate(null))).startsWith("Authentication required")
        .contains("'Basic <base64 of principal:secret>'").contains("'Bearer <JWT");
    assertThat(failure(hs256.authenticate("Digest x"))).contains("'Digest' is not accepted");
    assertThat(hs256.challenges())
        .containsExactly("Basic realm=\"meseta\"", "Bearer realm=\"meseta\"");
  }

  @Test
  void hs256TokensNameThePrincipalInSub() throws Exception {
    JWTAuth issuer = JWTAuth.create(VERTX, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(HS_KEY)));
    String token = issuer.generateToken(new JsonObject().put("sub", "fw"),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(60));
    assertThat(principal(hs256.authenticate("Bearer " + token))).isEqualTo("fw");
    String noSub = issuer.generateToken(new JsonObject().put("name", "fw"),
        new JWTOptions().setAlgorithm("HS256"));
    assertThat(failure(hs256.authenticate("Bearer " + noSub))).contains("no 'sub' claim");
    String expired = issuer.generateToken(new JsonObject().put("sub", "fw")
            .put("exp", System.currentTimeMillis() / 1000 - 3600),
        new JWTOptions().setAlgorithm("HS256"));
    assertThat(failure(hs256.authenticate("Bearer " + expired))).contains("expired");
    assertThat(failure(hs256.authenticate("Bearer not.a.jwt"))).contains("not a valid JWT");
  }

  @Test
  void rs256TokensAreVerifiedWithThePublicKeyAlone() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    JWTAuth issuer = JWTAuth.create(VERTX, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("RS256")
            .setBuffer(pem("PRIVATE KEY", pair.getPrivate().getEncoded()))));
    String token = issuer.generateToken(new JsonObject().put("sub", "analytics"),
        new JWTOptions().setAlgorithm("RS256"));
    Authenticator rs256 = new Authenticator(VERTX, new AuthSettings(true, true,
        Credentials.none(), new AuthSettings.JwtKey("RS256",
            pem("PUBLIC KEY", pair.getPublic().getEncoded()))));
    assertThat(principal(rs256.authenticate("Bearer " + token))).isEqualTo("analytics");
    assertThat(rs256.challenges()).containsExactly("Bearer realm=\"meseta\"");
    assertThat(failure(rs256.authenticate(basic("ops:s3cret")))).contains("wrong principal");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String principal(Future<String> outcome) throws Exception {
    return outcome.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String failure(Future<String> outcome) throws Exception {
    try {
      principal(outcome);
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(Authenticator.AuthenticationFailure.class);
      return e.getCause().getMessage();
    }
    throw new AssertionError("authentication succeeded");
  }
}
