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
    try (TestCluster cluster = TestCluster.start(preempting(AllocationPolicy.PRIORITY), 1,
            "cpus:1;mem:1024", work);
        TestFramework batch = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("batch", 0, false).toBuilder().setRole("batch").build())) {
      batch.start();
      List<String> ids = IntStream.range(0, 10).mapToObj(i -> "batch-" + i).toList();
      ids.forEach(id -> batch.submit(id, "sleep 600"));
      for (String id : ids) {
        batch.awaitState(id, TaskState.TASK_RUNNING, WAIT);
      }

      // 10 tasks of 0.1 cpus fill the agent; the job needs 0.5 cpus: five must go, no more.
      String job = submitUrgentJob(cluster, "true");

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

  @Test
  void theRoomMadeGoesToThePreemptingFrameworkNotToWhoeverRanksFirst() throws Exception {
    // FCFS: batch subscribes first, hungry second, the job service (on the first job) third, so
    // without a claim the freed cpus would go to batch (no work: declines) and then to hungry.
    try (TestCluster cluster = TestCluster.start(preempting(AllocationPolicy.FCFS), 1,
            "cpus:1;mem:1024", work);
        TestFramework batch = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("batch", 0, false).toBuilder().setRole("batch").build());
        TestFramework hungry = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("hungry", 0, false).toBuilder().setRole("batch").build())) {
      batch.start();
      List<String> ids = IntStream.range(0, 10).mapToObj(i -> "batch-" + i).toList();
      ids.forEach(id -> batch.submit(id, "sleep 600"));
      for (String id : ids) {
        batch.awaitState(id, TaskState.TASK_RUNNING, WAIT);
      }
      hungry.start();
      IntStream.range(0, 5).forEach(i -> hungry.submit("hungry-" + i, "sleep 600"));
      String job = submitUrgentJob(cluster, "sleep 600");

      Awaits.until("the job to run", WAIT, () -> "RUNNING".equals(
          get(cluster, "/api/v1/jobs/" + job).getString("state")));
      // Exactly the room for the job was made, and all of it went to the job: hungry, ahead of
      // the job service in FCFS order, launched nothing.
      assertThat(ids.stream().filter(id -> batch.saw(id, TaskState.TASK_KILLED))).hasSize(5);
      assertThat(hungry.agentOf).isEmpty();
      assertThat(get(cluster, "/master/state-summary").getJsonObject("sharing")
          .getJsonObject("preemption").getJsonArray("claims")).isEmpty();
    }
  }

  /** Preemption on (grace 0.5 s); the job service runs as role prod (10) above batch (0). */
  private static MasterConfig preempting(AllocationPolicy policy) {
    MasterConfig config = TestCluster.fastConfig()
        .withAllocationPolicy(policy, Map.of("prod", 10, "batch", 0))
        .withJobs(new JobsConfig(true, "prod", JobsConfig.defaults().queues(), Scorer.BEST_FIT));
    return config.withAllocation(config.allocation().withPreemption(
        new PreemptionPolicy(true, 1, Set.of()), Duration.ofMillis(500)));
  }

  /** A priority-5 job of 0.5 cpus; returns its id. */
  private String submitUrgentJob(TestCluster cluster, String command) throws Exception {
    JsonObject body = new JsonObject().put("name", "urgent").put("command", command)
        .put("resources", "cpus:0.5;mem:64").put("priority", 5);
    HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(
            URI.create("http://" + cluster.masterAddress() + "/api/v1/jobs"))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    return new JsonObject(submitted.body()).getString("id");
  }

  private JsonObject get(TestCluster cluster, String path) throws Exception {
    return new JsonObject(http.send(HttpRequest.newBuilder(
            URI.create("http://" + cluster.masterAddress() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
