package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.gateway.security.JsonMutator;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * The short, in-suite version of fuzzing the real HTTP entry points of a running master: mutated
 * scheduler calls ({@code POST /api/v1/scheduler}) and operator calls ({@code POST /api/v1}) are
 * answered with a client error or success, never a server error (501, Mesos' answer to an unknown
 * call type, is the one 5xx input may earn), and afterwards the master still runs a framework's
 * task to the end with its agent active.
 */
class GatewayFuzzTest {
  private static Path work;
  private static TestCluster cluster;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeContainer
  static void start() throws Exception {
    work = Files.createTempDirectory("gateway-fuzz");
    cluster = TestCluster.start(1, "cpus:2;mem:512", work);
  }

  @AfterContainer
  static void stop() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("after-fuzz", 0, false))) {
      framework.start();
      framework.submit("t", "true");
      framework.awaitState("t", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
      JsonObject agent = cluster.state().getJsonArray("slaves").getJsonObject(0);
      assertThat(agent.getBoolean("active")).isTrue();
    } finally {
      cluster.close();
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Property(tries = 300)
  void mutatedSchedulerCallsNeverCauseAServerError(@ForAll("schedulerCalls") String seed,
      @ForAll long randomness, @ForAll @IntRange(min = 1, max = 8) int mutations)
      throws Exception {
    assertNoServerError("/api/v1/scheduler", JsonMutator.mutate(seed, new Random(randomness), mutations));
  }

  @Property(tries = 300)
  void mutatedOperatorCallsNeverCauseAServerError(@ForAll("operatorCalls") String seed,
      @ForAll long randomness, @ForAll @IntRange(min = 1, max = 8) int mutations)
      throws Exception {
    assertNoServerError("/api/v1", JsonMutator.mutate(seed, new Random(randomness), mutations));
  }

  @Provide
  Arbitrary<String> schedulerCalls() {
    return Arbitraries.of(JsonMutator.SCHEDULER_CALLS);
  }

  @Provide
  Arbitrary<String> operatorCalls() {
    return Arbitraries.of(JsonMutator.OPERATOR_CALLS);
  }

  private static void assertNoServerError(String path, String body) throws Exception {
    HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://" + cluster.masterAddress() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    // A mutation may still be a valid SUBSCRIBE: its event stream is closed unread.
    try (InputStream ignored = response.body()) {
      assertThat(response.statusCode()).as(body).matches(s -> s < 500 || s == 501,
          "below 500, or 501 for an unknown call type");
    }
  }
}
