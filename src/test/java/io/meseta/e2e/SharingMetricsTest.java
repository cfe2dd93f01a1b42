package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's sharing model in /metrics/snapshot and /master/state-summary: totals R,
 * utilisation, total task time T, and fragmentation against pending job demand.
 */
class SharingMetricsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path work;

  private JsonObject get(TestCluster cluster, String path) throws Exception {
    return new JsonObject(http.send(HttpRequest.newBuilder(
            URI.create("http://" + cluster.masterAddress() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void pendingDemandThatFitsNowhereShowsAsFragmentationAndRunTimeAddsUp() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, "cpus:2;mem:1024", work);
        TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("timed", 0, false))) {
      framework.start();
      framework.submit("short", "sleep 0.3");
      framework.awaitState("short", TaskState.TASK_FINISHED, Duration.ofSeconds(20));

      // A 3-cpu job: each agent has 2 cpus, 4 in all. It fits nowhere; all free cpus are stranded.
      HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(
              URI.create("http://" + cluster.masterAddress() + "/api/v1/jobs"))
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"name\":\"big\",\"command\":\"true\",\"resources\":\"cpus:3;mem:64\"}"))
          .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

      Awaits.until("the job's demand to reach the metrics", Duration.ofSeconds(20),
          () -> get(cluster, "/metrics/snapshot").getDouble("master/pending_tasks") == 1.0);
      JsonObject metrics = get(cluster, "/metrics/snapshot");
      assertThat(metrics.getDouble("master/fragmented_share/cpus")).isEqualTo(1.0);
      assertThat(metrics.getDouble("master/largest_placeable/cpus")).isEqualTo(2.0);
      assertThat(metrics.getDouble("master/cpus_total")).isEqualTo(4.0);
      // "sleep 0.3" ran for at least a quarter of a second between RUNNING and FINISHED.
      assertThat(metrics.getDouble("master/task_time_secs")).isGreaterThan(0.25);

      JsonObject sharing = get(cluster, "/master/state-summary").getJsonObject("sharing");
      assertThat(sharing.getJsonObject("total").getDouble("cpus")).isEqualTo(4.0);
      assertThat(sharing.getJsonObject("utilisation").getDouble("cpus")).isBetween(0.0, 1.0);
      assertThat(sharing.getJsonObject("fragmentation").getInteger("pending_tasks")).isEqualTo(1);
    }
  }
}
