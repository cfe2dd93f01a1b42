package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentVerticle;
import io.meseta.core.placement.Scorer;
import io.meseta.jobs.JobsConfig;
import io.meseta.master.MasterConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs.defragment through the REST job API with real agents. Two agents of 2.5 cpus (slot a and
 * slot b) each run one small restartable priority-0 job (1 cpu) and one pinned job that may not
 * be moved (0.5 cpus, no retries), so a priority-5 job of 2 cpus fits on neither although 2 cpus
 * are free in total. Constraints put each job on its slot, so the layout is the same every run.
 */
class JobDefragmentationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path work;

  @Test
  void withDefragmentOnTheBigJobRunsInAHoleAndTheMovedJobRestartsAfterIt() throws Exception {
    try (TestCluster cluster = start(true)) {
      List<String> small = fillBothAgents(cluster);
      String big = submit(cluster, bigJob());
      awaitState(cluster, big, "FINISHED");
      // Both holes cost one move; slot a's agent has the smaller id only by chance, so either
      // small job may be the one moved. It is requeued, not failed (same attempt), and waits
      // for its slot: its constraint keeps it off the other agent.
      JsonObject moved = small.stream().map(id -> get(cluster, "/api/v1/jobs/" + id))
          .filter(j -> j.getInteger("moves") == 1).findFirst().orElseThrow();
      assertThat(moved.getInteger("attempt")).isZero();
      JsonObject stayed = small.stream().map(id -> get(cluster, "/api/v1/jobs/" + id))
          .filter(j -> j.getInteger("moves") == 0).findFirst().orElseThrow();
      assertThat(stayed.getString("state")).isEqualTo("RUNNING");
      awaitState(cluster, moved.getString("id"), "RUNNING");
    }
  }

  @Test
  void withDefragmentOffTheBigJobWaitsAndSaysFreeRoomIsWhatItLacks() throws Exception {
    try (TestCluster cluster = start(false)) {
      List<String> small = fillBothAgents(cluster);
      String big = submit(cluster, bigJob());
      Awaits.until("a why-pending verdict", WAIT, () -> !get(cluster,
          "/api/v1/jobs/" + big + "/why").getJsonArray("reasons").isEmpty());
      JsonObject why = get(cluster, "/api/v1/jobs/" + big + "/why");
      assertThat(why.getString("state")).isEqualTo("PENDING");
      assertThat(why.getJsonArray("reasons").stream().map(r -> ((JsonObject) r)
          .getString("reason"))).contains("INSUFFICIENT_FREE");
      assertThat(why.getString("summary")).doesNotContain("hole");
      for (String id : small) {
        JsonObject job = get(cluster, "/api/v1/jobs/" + id);
        assertThat(job.getString("state")).isEqualTo("RUNNING");
        assertThat(job.getInteger("moves")).isZero();
      }
    }
  }

  private TestCluster start(boolean defragment) throws Exception {
    MasterConfig config = TestCluster.fastConfig().withJobs(new JobsConfig(true, "*",
        JobsConfig.defaults().queues(), Scorer.BEST_FIT, defragment));
    TestCluster cluster = TestCluster.start(config, 0, "", work);
    try {
      for (String slot : List.of("a", "b")) {
        AgentConfig agent = AgentConfig.builder(List.of(cluster.masterAddress()),
                work.resolve("agent-" + slot))
            .hostname("127.0.0.1").bindHost("127.0.0.1").port(0)
            .resources("cpus:2.5;mem:1024").attributes(Map.of("slot", slot))
            .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
            .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
            .build();
        cluster.agents.add(TestCluster.await(AgentVerticle.deploy(cluster.vertx, agent)));
      }
      cluster.awaitAgents(2);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** On each slot a small restartable job and a pinned one, all running; the small ids. */
  private List<String> fillBothAgents(TestCluster cluster) throws Exception {
    List<String> small = List.of(submit(cluster, onSlot("small-a", "a", 1, 3)),
        submit(cluster, onSlot("small-b", "b", 1, 3)));
    List<String> pinned = List.of(submit(cluster, onSlot("pinned-a", "a", 0.5, 0)),
        submit(cluster, onSlot("pinned-b", "b", 0.5, 0)));
    for (String id : small) {
      awaitState(cluster, id, "RUNNING");
    }
    for (String id : pinned) {
      awaitState(cluster, id, "RUNNING");
    }
    return small;
  }

  /** A priority-0 job on the slot, restartable when {@code retries} is above 0. */
  private static JsonObject onSlot(String name, String slot, double cpus, int retries) {
    return new JsonObject().put("name", name).put("command", "sleep 600")
        .put("resources", "cpus:" + cpus + ";mem:128").put("priority", 0)
        .put("constraints", new JsonArray().add("slot EQUALS " + slot))
        .put("restart", new JsonObject().put("max_retries", retries).put("backoff", "1s"));
  }

  private static JsonObject bigJob() {
    return new JsonObject().put("name", "big").put("command", "true")
        .put("resources", "cpus:2;mem:256").put("priority", 5);
  }

  private String submit(TestCluster cluster, JsonObject job) throws Exception {
    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
            URI.create("http://" + cluster.masterAddress() + "/api/v1/jobs"))
        .POST(HttpRequest.BodyPublishers.ofString(job.encode()))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return new JsonObject(reply.body()).getString("id");
  }

  private void awaitState(TestCluster cluster, String id, String state) throws Exception {
    Awaits.until(id + " " + state, WAIT,
        () -> state.equals(get(cluster, "/api/v1/jobs/" + id).getString("state")));
  }

  private JsonObject get(TestCluster cluster, String path) {
    try {
      return new JsonObject(http.send(HttpRequest.newBuilder(
              URI.create("http://" + cluster.masterAddress() + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
    }
  }
}
