package io.meseta.e2e;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentSecurity;
import io.meseta.agent.AgentVerticle;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.meseta.tls.TlsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real master and real agents on 127.0.0.1 in this JVM, with short timeouts. Tasks run as real
 * processes. {@link #close()} stops the agents (killing their tasks) and the master.
 */
final class TestCluster implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final MasterNode master;
  final List<AgentVerticle> agents = new ArrayList<>();
  /** The master's TLS: when it serves TLS, agents and {@link #state()} use it too. */
  final TlsSettings tls;
  private final HttpClient http;

  private TestCluster(MasterConfig config) throws Exception {
    tls = config.security().tls();
    http = tls.serves()
        ? HttpClient.newBuilder().sslContext(tls.trustForOwnServer().sslContext()).build()
        : HttpClient.newHttpClient();
    master = await(MasterNode.start(vertx, config));
  }

  static MasterConfig fastConfig() {
    return MasterConfig.defaults()
        .withHost("127.0.0.1")
        .withPort(0)
        .withAllocationInterval(Duration.ofMillis(100))
        .withHeartbeatInterval(Duration.ofSeconds(1))
        .withAgentTimeouts(Duration.ofMillis(300), 3)
        // Two gateway instances, so every end-to-end test crosses instances.
        .withGatewayInstances(2);
  }

  static TestCluster start(int agentCount, String resources, Path workDir) throws Exception {
    return start(fastConfig(), agentCount, resources, workDir);
  }

  static TestCluster start(MasterConfig config, int agentCount, String resources, Path workDir)
      throws Exception {
    TestCluster cluster = new TestCluster(config);
    try {
      for (int i = 0; i < agentCount; i++) {
        cluster.addAgent(resources, workDir.resolve("agent-" + i));
      }
      cluster.awaitAgents(agentCount);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  AgentVerticle addAgent(String resources, Path workDir) throws Exception {
    AgentConfig config = AgentConfig.builder(List.of(masterAddress()), workDir)
        .hostname("127.0.0.1")
        .bindHost("127.0.0.1")
        .port(0)
        .resources(resources)
        .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
        // A TLS master's agents serve TLS with its certificate and verify it with its CA.
        .security(tls.serves() ? AgentSecurity.EMBEDDED.withTls(
            new TlsSettings(tls.identity(), tls.trustForOwnServer())) : AgentSecurity.EMBEDDED)
        .build();
    AgentVerticle agent = await(AgentVerticle.deploy(vertx, config));
    agents.add(agent);
    return agent;
  }

  /** {@code https://127.0.0.1:port} when the master serves TLS. */
  String masterAddress() {
    return (tls.serves() ? "https://" : "") + "127.0.0.1:" + master.port();
  }

  JsonObject state() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create((tls.serves() ? "" : "http://") + masterAddress()
            + "/master/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body());
  }

  /** Waits until this many agents are registered and active. */
  void awaitAgents(int count) throws Exception {
    Awaits.until("" + count + " active agents", Duration.ofSeconds(20), () ->
        state().getJsonArray("slaves").stream()
            .filter(s -> ((JsonObject) s).getBoolean("active"))
            .count() == count);
  }

  static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
