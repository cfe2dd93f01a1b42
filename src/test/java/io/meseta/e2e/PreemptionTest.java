package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.allocation.AllocationPolicy;
import io.meseta.core.placement.Scorer;
import io.meseta.core.preemption.PreemptionPolicy;
import io.meseta.jobs.JobsConfig;
import io.meseta.master.MasterConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A higher-priority job that fits nowhere takes room from lower-priority tasks: the fewest
 * needed are warned, then killed with REASON_CONTAINER_PREEMPTED, and the job runs.
 */
class PreemptionTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path work;

  @Test
  void aPriorityJobPreemptsJustEnoughBatchTasks() throws Exception {
    MasterConfig config = TestCluster.fastConfig()
        .withAllocationPolicy(AllocationPolicy.PRIORITY, Map.of("prod", 10, "batch", 0))
        .withJobs(new JobsConfig(true, "prod", JobsConfig.defaults().queues(), Scorer.BEST_FIT));
    config = config.withAllocation(config.allocation().withPreemption(
        new PreemptionPolicy(true, 1, Set.of()), Duration.ofMillis(500)));
    try (TestCluster cluster = TestCluster.start(config, 1, "cpus:1;mem:1024", work);
        TestFramework batch = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("batch", 0, false).toBuilder().setRole("batch").build())) {
      batch.start();
      List<String> ids = IntStream.range(0, 10).mapToObj(i -> "batch-" + i).toList();
      ids.forEach(id -> batch.submit(id, "sleep 600"));
      for (String id : ids) {
        batch.awaitState(id, TaskState.TASK_RUNNING, WAIT);
      }

      // 10 tasks of 0.1 cpus fill the agent; the job needs 0.5 cpus: five must go, no more.
      HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(
              URI.create("http://" + cluster.masterAddress() + "/api/v1/jobs"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"urgent\",\"command\":\"true\","
              + "\"resources\":\"cpus:0.5;mem:64\",\"priority\":5}"))
          .header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
      String job = new JsonObject(submitted.body()).getString("id");

      Awaits.until("the job to finish", WAIT, () -> "FINISHED".equals(
          get(cluster, "/api/v1/jobs/" + job).getString("state")));
      List<String> killed = ids.stream()
          .filter(id -> batch.saw(id, TaskState.TASK_KILLED)).toList();
      assertThat(killed).hasSize(5);
      for (String id : killed) {
        TaskStatus status = batch.last(id, TaskState.TASK_KILLED);
        assertThat(status.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_PREEMPTED);
      }
      assertThat(ids.stream().filter(id -> !killed.contains(id)))
          .allSatisfy(id -> assertThat(batch.states(id)).doesNotContain(TaskState.TASK_KILLED));

      JsonObject metrics = get(cluster, "/metrics/snapshot");
      assertThat(metrics.getDouble("master/preempted_tasks")).isEqualTo(5.0);
      JsonObject preemption = get(cluster, "/master/state-summary")
          .getJsonObject("sharing").getJsonObject("preemption");
      assertThat(preemption.getJsonArray("recent").getJsonObject(0).getString("why"))
          .contains("role batch, priority 0").contains("priority 5 task of role prod");
    }
  }

  private JsonObject get(TestCluster cluster, String path) throws Exception {
    return new JsonObject(http.send(HttpRequest.newBuilder(
            URI.create("http://" + cluster.masterAddress() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
