package io.meseta.loadtest.fuzz;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentVerticle;
import io.meseta.gateway.security.RateLimits;
import io.meseta.gateway.security.SecuritySettings;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system under fuzz: a real {@link MasterNode} and real agents on 127.0.0.1 in this JVM, each on
 * the master's Vert.x, plus a keep-alive HTTP client pool for the fuzzers. The master's rate limits are
 * raised out of the way, so that inputs reach the handlers instead of earning 429s.
 */
final class FuzzCluster implements AutoCloseable {
  static final String AGENT_RESOURCES = "cpus:4;mem:4096;disk:4096;ports:[31000-32000]";

  final Vertx vertx = Vertx.vertx();
  final List<AgentVerticle> agents = new ArrayList<>();
  final HttpClient http;
  private MasterNode master;

  private FuzzCluster(int connections) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setDefaultHost("127.0.0.1"), new PoolOptions().setHttp1MaxSize(connections));
  }

  static FuzzCluster start(int agentCount, int connections, Path workDir) throws Exception {
    SecuritySettings defaults = SecuritySettings.defaults();
    RateLimits unlimited = RateLimits.defaults().withHttpRate(10_000_000, 10_000_000)
        .withWebSocketRate(10_000_000, 10_000_000);
    MasterConfig config = MasterConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withAllocationInterval(Duration.ofMillis(200))
        .withHeartbeatInterval(Duration.ofSeconds(1))
        .withAgentTimeouts(Duration.ofMillis(500), 5)
        .withGatewayInstances(2)
        .withSecurity(new SecuritySettings(defaults.auth(), defaults.limits(), defaults.acls(),
            defaults.tls(), unlimited));
    FuzzCluster cluster = new FuzzCluster(connections);
    try {
      cluster.master = await(MasterNode.start(cluster.vertx, config));
      for (int i = 0; i < agentCount; i++) {
        AgentConfig agent = AgentConfig.builder(List.of("127.0.0.1:" + cluster.port()),
                workDir.resolve("agent-" + i))
            .hostname("127.0.0.1").bindHost("127.0.0.1").port(0).resources(AGENT_RESOURCES)
            .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
            .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
            .build();
        cluster.agents.add(await(AgentVerticle.deploy(cluster.vertx, agent)));
      }
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  int port() {
    return master.port();
  }

  /** One request on the shared pool; resolves with the status and the body (empty for a stream). */
  Future<Answer> request(HttpMethod method, int port, String uri, String contentType, byte[] body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1")
        .setPort(port).setURI(uri).setIdleTimeout(10_000);
    if (contentType != null) {
      options.putHeader("Content-Type", contentType).putHeader("Accept", contentType);
    }
    return http.request(options).compose(request -> {
      // A request the master never answers is reset, so that it frees its pooled connection.
      long timer = vertx.setTimer(10_000, t -> request.reset());
      return send(request, uri, body).andThen(done -> vertx.cancelTimer(timer));
    });
  }

  private Future<Answer> send(io.vertx.core.http.HttpClientRequest request, String uri,
      byte[] body) {
    return request.send(body == null ? Buffer.buffer() : Buffer.buffer(body))
        .compose(response -> {
          if (response.statusCode() == 200 && request.getMethod() == HttpMethod.POST
              && (response.getHeader("Mesos-Stream-Id") != null
                  || "chunked".equals(response.getHeader("Transfer-Encoding")))) {
            // A valid SUBSCRIBE (scheduler, executor or operator) opened an event stream, which
            // never ends: drop the connection.
            request.connection().close();
            return Future.succeededFuture(new Answer(200, ""));
          }
          return response.body().map(b -> new Answer(response.statusCode(), b.toString()));
        });
  }

  JsonObject getJson(String uri) throws Exception {
    Answer answer = await(request(HttpMethod.GET, port(), uri, null, null));
    if (answer.status() != 200) {
      throw new IllegalStateException("GET " + uri + " answered " + answer.status() + ": "
          + answer.body());
    }
    return new JsonObject(answer.body());
  }

  static <T> T await(Future<T> future) throws Exception {
    return await(future, Duration.ofSeconds(60));
  }

  static <T> T await(Future<T> future, Duration limit) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }

  /** An HTTP answer. */
  record Answer(int status, String body) {}
}
