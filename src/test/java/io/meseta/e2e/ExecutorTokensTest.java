package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentSecurity;
import io.meseta.agent.AgentVerticle;
import io.meseta.examples.EchoExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent with {@code --authenticate-executors}: the SDK executor authenticates with the token
 * in its environment; a raw executor without a token gets 401, with another's token 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorTokensTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOKEN = "MESOS_EXECUTOR_AUTHENTICATION_TOKEN";
  @TempDir
  static Path work;
  private TestCluster cluster;
  private AgentVerticle agent;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(0, "", work);
    AgentConfig config = AgentConfig.builder(List.of(cluster.masterAddress()), work.resolve("agent"))
        .hostname("127.0.0.1").bindHost("127.0.0.1").port(0)
        .resources("cpus:8;mem:8192;disk:1000")
        .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
        .security(AgentSecurity.EMBEDDED.withAuthenticatedExecutors(true))
        .build();
    agent = TestCluster.await(AgentVerticle.deploy(cluster.vertx, config));
    cluster.agents.add(agent);
    cluster.awaitAgents(1);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void anSdkExecutorRunsItsTaskWithItsToken() throws Exception {
    try (ExecutorFramework framework =
        new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "sdk")) {
      framework.launch(ExecutorFramework.executor("sdk",
          ExecutorFramework.javaCommand(EchoExecutor.class), 0),
          List.of(ExecutorFramework.task("sdk-task", "sleep:100")));
      framework.awaitState("sdk-task", TaskState.TASK_FINISHED);
    }
  }

  @Test
  void aSubscribeWithoutTheExecutorsOwnTokenIsRefused() throws Exception {
    try (ExecutorFramework framework =
        new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "raw")) {
      framework.launch(ExecutorFramework.executor("raw-a", "sleep 60", 500),
          List.of(ExecutorFramework.task("raw-a-task", "")));
      framework.launch(ExecutorFramework.executor("raw-b", "sleep 60", 500),
          List.of(ExecutorFramework.task("raw-b-task", "")));
      String frameworkId = framework.driver.frameworkId().orElseThrow().getValue();
      String tokenOfA = tokenOf(frameworkId + "/raw-a");
      String tokenOfB = tokenOf(frameworkId + "/raw-b");

      HttpResponse<String> none = subscribe(frameworkId, "raw-b", null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).contains(
          "Bearer realm=\"meseta-executor\"");
      assertThat(none.body()).contains(TOKEN);
      assertThat(subscribe(frameworkId, "raw-b", "not-a-token").statusCode()).isEqualTo(401);
      HttpResponse<String> another = subscribe(frameworkId, "raw-b", tokenOfA);
      assertThat(another.statusCode()).isEqualTo(403);
      assertThat(another.body()).contains("belongs to another executor");
      assertThat(tokenOfB).isNotEqualTo(tokenOfA);
    }
  }

  /** The token the agent put in the executor process's environment. */
  private String tokenOf(String executor) throws Exception {
    Awaits.until(executor + " to be started", WAIT,
        () -> TestCluster.await(agent.executorPids()).containsKey(executor));
    long pid = TestCluster.await(agent.executorPids()).get(executor);
    for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ"),
        StandardCharsets.UTF_8).split("\0")) {
      if (entry.startsWith(TOKEN + "=")) {
        return entry.substring(TOKEN.length() + 1);
      }
    }
    throw new AssertionError(executor + " has no " + TOKEN + " in its environment");
  }

  private HttpResponse<String> subscribe(String frameworkId, String executorId, String token)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + agent.httpPort() + "/api/v1/executor"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\","
            + "\"framework_id\":{\"value\":\"" + frameworkId + "\"},"
            + "\"executor_id\":{\"value\":\"" + executorId + "\"},\"subscribe\":{}}"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
