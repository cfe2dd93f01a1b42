package io.meseta.e2e;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentVerticle;
import io.meseta.gateway.security.AuthSettings;
import io.meseta.gateway.security.Credentials;
import io.meseta.gateway.security.SecuritySettings;
import io.meseta.master.MasterNode;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A real master on 127.0.0.1 with the given security settings, and agents that may log in. */
final class SecureMaster implements AutoCloseable {
  static final String JWT_KEY = "a test key for HS256 tokens, long enough for HMAC";
  static final Map<String, String> SECRETS =
      Map.of("ops", "ops-secret", "fw", "fw-secret", "agent", "agent-secret");

  final Vertx vertx = Vertx.vertx();
  final MasterNode master;
  private final HttpClient http = HttpClient.newHttpClient();

  SecureMaster(SecuritySettings security) throws Exception {
    master = TestCluster.await(MasterNode.start(vertx,
        TestCluster.fastConfig().withGatewayInstances(1).withSecurity(security)));
  }

  /** Frameworks, operators and agents authenticate; Basic and HS256 JWT accepted. */
  static SecuritySettings authenticating() {
    return SecuritySettings.defaults().withAuth(new AuthSettings(true, true,
        Credentials.of(SECRETS), new AuthSettings.JwtKey("HS256", JWT_KEY)));
  }

  String address() {
    return "127.0.0.1:" + master.port();
  }

  static String basic(String principal) {
    return basic(principal, SECRETS.get(principal));
  }

  static String basic(String principal, String secret) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  String bearer(String subject, String key) {
    JWTAuth issuer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key)));
    return "Bearer " + issuer.generateToken(new JsonObject().put("sub", subject),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(300));
  }

  /** A request with optional headers as name, value pairs; body null means GET. */
  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonObject state() throws Exception {
    return new JsonObject(send("GET", "/master/state", null, "Authorization", basic("ops")).body());
  }

  AgentVerticle addAgent(Path workDir, String authorization) throws Exception {
    AgentConfig config = AgentConfig.builder(List.of(address()), workDir)
        .hostname("127.0.0.1").bindHost("127.0.0.1").port(0)
        .resources("cpus:2;mem:512")
        .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
        .masterAuthorization(authorization)
        .build();
    return TestCluster.await(AgentVerticle.deploy(vertx, config));
  }

  long activeAgents() throws Exception {
    return state().getJsonArray("slaves").stream()
        .filter(s -> ((JsonObject) s).getBoolean("active")).count();
  }

  @Override
  public void close() throws Exception {
    TestCluster.await(vertx.close());
  }
}
