package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REQUEST declares a framework's pending demand; a bad one is refused and changes nothing. */
class RequestDemandTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path work;

  @Test
  void aRequestIsCountedAsPendingDemandUntilWithdrawn() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:1;mem:256", work);
        RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"t\","
          + "\"name\":\"wants\"}}}");
      String fw = raw.next(WAIT).getSubscribed().getFrameworkId().getValue();
      String request = "{\"type\":\"REQUEST\",\"framework_id\":{\"value\":\"" + fw + "\"},"
          + "\"request\":{\"requests\":[%s]}}";
      String fourCpus = "{\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
          + "\"scalar\":{\"value\":4}}]}";

      raw.send(String.format(request, fourCpus + "," + fourCpus));
      Awaits.until("two pending tasks", WAIT, () -> pending(cluster) == 2.0);
      // The agent (1 cpu) can never hold a 4-cpu task: all its free cpus are stranded.
      assertThat(metrics(cluster).getDouble("master/fragmented_share/cpus")).isEqualTo(1.0);

      raw.send(String.format(request, "{\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
          + "\"scalar\":{\"value\":-1}}]}"));
      Event error = raw.nextMatching(WAIT, e -> e.getType() == Event.Type.ERROR);
      assertThat(error.getError().getMessage()).contains("request.requests[0]");
      assertThat(pending(cluster)).isEqualTo(2.0);

      raw.send(String.format(request, ""));
      Awaits.until("the demand withdrawn", WAIT, () -> pending(cluster) == 0.0);
    }
  }

  private double pending(TestCluster cluster) throws Exception {
    return metrics(cluster).getDouble("master/pending_tasks");
  }

  private JsonObject metrics(TestCluster cluster) throws Exception {
    return new JsonObject(http.send(HttpRequest.newBuilder(
            URI.create("http://" + cluster.masterAddress() + "/metrics/snapshot")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
