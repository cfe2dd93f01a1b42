package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The Mesos v0 operator endpoints against a real master, two real agents and SDK frameworks
 * running real tasks: the keys and types Mesos tooling reads, and values that follow the tasks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorEndpointsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir
  static Path work;
  private TestCluster cluster;
  private OperatorHttp http;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(2, "cpus:2;mem:2048;disk:1000;ports:[31000-31100]", work);
    http = new OperatorHttp(cluster.masterAddress());
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private TestFramework framework(String name) throws Exception {
    TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info(name, 0, false));
    framework.start();
    return framework;
  }

  private double metric(String name) throws Exception {
    JsonObject metrics = http.getJson("/metrics/snapshot");
    assertThat(metrics.containsKey(name)).as("metric %s in %s", name, metrics).isTrue();
    return metrics.getDouble(name);
  }

  @Test
  void stateHasEveryKeyMesosToolingReads() throws Exception {
    try (TestFramework framework = framework("state-shape")) {
      framework.submit("sleeper", "sleep 30");
      framework.awaitState("sleeper", TaskState.TASK_RUNNING, WAIT);
      String id = framework.driver.frameworkId().orElseThrow().getValue();
      JsonObject state = http.getJson("/master/state");
      assertThat(state.fieldNames()).contains("version", "git_sha", "build_date", "start_time",
          "elected_time", "id", "pid", "hostname", "capabilities", "activated_slaves",
          "deactivated_slaves", "unreachable_slaves", "leader", "leader_info", "flags", "slaves",
          "recovered_slaves", "frameworks", "completed_frameworks", "orphan_tasks",
          "unregistered_frameworks");
      assertThat(state.getInteger("activated_slaves")).isEqualTo(2);
      assertThat(state.getJsonObject("flags").getString("allocation_interval")).isEqualTo("100ms");

      JsonObject slave = state.getJsonArray("slaves").getJsonObject(0);
      assertThat(slave.fieldNames()).contains("id", "hostname", "port", "attributes", "pid",
          "registered_time", "resources", "used_resources", "offered_resources",
          "reserved_resources", "unreserved_resources", "active", "deactivated", "version",
          "capabilities");
      JsonObject resources = slave.getJsonObject("resources");
      assertThat(resources.getDouble("cpus")).isEqualTo(2.0);
      assertThat(resources.getDouble("mem")).isEqualTo(2048.0);
      assertThat(resources.getDouble("gpus")).isEqualTo(0.0);
      assertThat(resources.getString("ports")).isEqualTo("[31000-31100]");

      JsonObject mine = find(state.getJsonArray("frameworks"), id);
      assertThat(mine.fieldNames()).contains("id", "name", "user", "active", "connected",
          "tasks", "completed_tasks", "unreachable_tasks", "offers", "executors",
          "used_resources", "offered_resources", "registered_time", "capabilities", "roles");
      assertThat(mine.getJsonArray("executors")).isEmpty();
      assertThat(mine.getJsonObject("used_resources").getDouble("cpus")).isEqualTo(0.1);
      JsonObject task = mine.getJsonArray("tasks").getJsonObject(0);
      assertThat(task.getString("id")).isEqualTo("sleeper");
      assertThat(task.getString("state")).isEqualTo("TASK_RUNNING");
      assertThat(task.getString("framework_id")).isEqualTo(id);
      assertThat(task.getJsonObject("resources").getDouble("mem")).isEqualTo(32.0);
      assertThat(http.getJson("/state").getString("id")).isEqualTo(state.getString("id"));
    }
  }

  @Test
  void metricsFollowTasksAsTheyRunAndFinish() throws Exception {
    try (TestFramework framework = framework("metrics")) {
      double finishedBefore = metric("master/tasks_finished");
      double updatesBefore = metric("master/valid_status_updates");
      framework.submit("short", "sleep 3");
      framework.awaitState("short", TaskState.TASK_RUNNING, WAIT);
      Awaits.until("tasks_running to be 1", WAIT, () -> metric("master/tasks_running") == 1.0);
      // Resources of frameworks torn down by earlier tests may still be on their way back.
      Awaits.until("cpus_used to be 0.1", WAIT, () -> metric("master/cpus_used") == 0.1);
      JsonObject running = http.getJson("/metrics/snapshot");
      assertThat(running.getDouble("master/cpus_total")).isEqualTo(4.0);
      assertThat(running.getDouble("master/cpus_percent")).isEqualTo(0.1 / 4.0);
      assertThat(running.getDouble("master/mem_percent")).isBetween(0.0, 1.0);
      assertThat(running.getDouble("master/frameworks_active")).isGreaterThanOrEqualTo(1.0);

      framework.awaitState("short", TaskState.TASK_FINISHED, WAIT);
      Awaits.until("tasks_running back to 0 and tasks_finished counted", WAIT,
          () -> metric("master/tasks_running") == 0.0
              && metric("master/tasks_finished") == finishedBefore + 1);
      JsonObject after = http.getJson("/metrics/snapshot");
      assertThat(after.getDouble("master/valid_status_updates")).isGreaterThan(updatesBefore);
      assertThat(after.getDouble("master/cpus_used")).isEqualTo(0.0);
      assertThat(after.getDouble("master/cpus_percent")).isEqualTo(0.0);
    }
    JsonObject metrics = http.getJson("/metrics/snapshot");
    for (String name : List.of("master/elected", "master/uptime_secs", "master/gpus_total",
        "master/disk_used", "master/slaves_active", "master/slaves_inactive",
        "master/slaves_connected", "master/slaves_disconnected", "master/slaves_unreachable",
        "master/frameworks_inactive", "master/frameworks_connected",
        "master/frameworks_disconnected", "master/outstanding_offers", "master/tasks_staging",
        "master/tasks_starting", "master/tasks_killing", "master/tasks_unreachable",
        "master/tasks_failed", "master/tasks_killed", "master/tasks_lost", "master/tasks_error",
        "master/tasks_dropped", "master/tasks_gone", "master/slave_reregistrations",
        "master/slave_removals", "allocator/mesos/allocation_run_ms/p50",
        "allocator/mesos/allocation_run_ms/p99", "allocator/mesos/allocation_run_ms/max",
        "system/cpus_total", "system/load_1min", "system/mem_total_bytes",
        "system/mem_free_bytes")) {
      assertThat(metrics.getValue(name)).as(name).isInstanceOf(Number.class);
    }
    assertThat(metrics.getDouble("master/elected")).isEqualTo(1.0);
    assertThat(metrics.getDouble("master/slaves_active")).isEqualTo(2.0);
    assertThat(metrics.getDouble("master/slave_registrations")).isEqualTo(2.0);
    assertThat(metrics.getDouble("allocator/mesos/allocation_runs")).isGreaterThan(0.0);
    assertThat(metrics.getDouble("allocator/mesos/allocation_run_ms/count")).isGreaterThan(0.0);
  }

  @Test
  void tasksArePagedFilteredAndOrderedByStartTime() throws Exception {
    try (TestFramework framework = framework("paging")) {
      String id = framework.driver.frameworkId().orElseThrow().getValue();
      for (String task : List.of("first", "second", "third")) {
        framework.submit(task, "true");
        framework.awaitState(task, TaskState.TASK_FINISHED, WAIT);
      }
      String mine = "/master/tasks?framework_id=" + id;
      assertThat(taskIds(mine)).containsExactly("third", "second", "first");
      assertThat(taskIds(mine + "&order=asc")).containsExactly("first", "second", "third");
      assertThat(taskIds(mine + "&limit=1&offset=1")).containsExactly("second");
      assertThat(taskIds(mine + "&task_id=first")).containsExactly("first");
      assertThat(taskIds("/tasks?task_id=nothing")).isEmpty();

      assertBadRequest("/master/tasks?limit=-1",
          "Invalid 'limit' parameter '-1': expected a whole number from 0 to");
      assertBadRequest("/master/tasks?offset=two", "Invalid 'offset' parameter 'two'");
      assertBadRequest("/master/tasks?order=sideways",
          "Invalid 'order' parameter 'sideways': expected 'asc' or 'desc'");
    }
  }

  @Test
  void summaryFrameworksSlavesRolesFlagsVersionAndHealth() throws Exception {
    try (TestFramework framework = framework("summary")) {
      String id = framework.driver.frameworkId().orElseThrow().getValue();
      framework.submit("napper", "sleep 30");
      framework.awaitState("napper", TaskState.TASK_RUNNING, WAIT);
      String agent = framework.agentOf.get("napper").getValue();

      JsonObject summary = http.getJson("/master/state-summary");
      assertThat(summary.fieldNames()).contains("hostname", "cluster", "slaves", "frameworks");
      JsonObject summarySlave = find(summary.getJsonArray("slaves"), agent);
      assertThat(summarySlave.getInteger("TASK_RUNNING")).isEqualTo(1);
      assertThat(summarySlave.getJsonArray("framework_ids").getList()).contains(id);
      JsonObject summaryFramework = find(summary.getJsonArray("frameworks"), id);
      assertThat(summaryFramework.getInteger("TASK_RUNNING")).isEqualTo(1);
      assertThat(summaryFramework.getJsonArray("slave_ids").getList()).containsExactly(agent);

      JsonObject frameworks = http.getJson("/master/frameworks?framework_id=" + id);
      assertThat(frameworks.getJsonArray("frameworks")).hasSize(1);
      assertThat(frameworks.fieldNames())
          .contains("completed_frameworks", "unregistered_frameworks");

      JsonObject slaves = http.getJson("/master/slaves?slave_id=" + agent);
      assertThat(slaves.getJsonArray("slaves")).hasSize(1);
      JsonObject slave = slaves.getJsonArray("slaves").getJsonObject(0);
      assertThat(slave.getJsonArray("used_resources_full").getJsonObject(0).fieldNames())
          .contains("name", "type", "scalar");
      assertThat(slaves.getJsonArray("recovered_slaves")).isEmpty();
      assertThat(http.getJson("/master/slaves").getJsonArray("slaves")).hasSize(2);

      JsonObject star = find(http.getJson("/master/roles").getJsonArray("roles"), null);
      assertThat(star.getString("name")).isEqualTo("*");
      assertThat(star.getDouble("weight")).isEqualTo(1.0);
      assertThat(star.getJsonArray("frameworks").getList()).contains(id);
      assertThat(star.getJsonObject("allocated").getDouble("cpus")).isGreaterThanOrEqualTo(0.1);
      assertThat(star.getJsonObject("quota").fieldNames())
          .contains("role", "guarantee", "limit", "consumed");
    }
    assertThat(http.getJson("/master/flags").getJsonObject("flags")
        .getString("max_operator_event_stream_subscribers")).isEqualTo("1000");
    assertThat(http.getJson("/version").getString("version")).isEqualTo("1.11.0");
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
    assertThat(http.get("/master/health").statusCode()).isEqualTo(200);

    HttpResponse<String> jsonp = http.get("/master/state-summary?jsonp=showState");
    assertThat(jsonp.headers().firstValue("Content-Type")).contains("text/javascript");
    assertThat(jsonp.body()).startsWith("showState({").endsWith("});");
    assertBadRequest("/master/state?jsonp=alert(1)", "Invalid 'jsonp' parameter 'alert(1)'");
  }

  @Test
  void teardownRemovesTheFrameworkAndKillsItsTasks() throws Exception {
    try (TestFramework framework = framework("to-tear-down")) {
      String id = framework.driver.frameworkId().orElseThrow().getValue();
      framework.submit("long", "sleep 600");
      framework.awaitState("long", TaskState.TASK_RUNNING, WAIT);
      double killedBefore = metric("master/tasks_killed");

      HttpResponse<byte[]> done = http.post("/master/teardown",
          ("frameworkId=" + id).getBytes(StandardCharsets.UTF_8),
          "Content-Type", "application/x-www-form-urlencoded");
      assertThat(done.statusCode()).isEqualTo(200);
      Awaits.until("the framework to be completed", WAIT, () -> {
        JsonObject frameworks = http.getJson("/master/frameworks?framework_id=" + id);
        return frameworks.getJsonArray("frameworks").isEmpty()
            && frameworks.getJsonArray("completed_frameworks").size() == 1;
      });
      JsonObject completed = http.getJson("/master/frameworks?framework_id=" + id)
          .getJsonArray("completed_frameworks").getJsonObject(0);
      assertThat(completed.getJsonArray("completed_tasks").getJsonObject(0).getString("state"))
          .isEqualTo("TASK_KILLED");
      assertThat(metric("master/tasks_killed")).isEqualTo(killedBefore + 1);
    }
    HttpResponse<byte[]> unknown = http.post("/master/teardown",
        "frameworkId=no-such-framework".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(new String(unknown.body(), StandardCharsets.UTF_8))
        .startsWith("No framework found with ID 'no-such-framework'");
    HttpResponse<byte[]> missing = http.post("/master/teardown",
        "somethingElse=1".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(new String(missing.body(), StandardCharsets.UTF_8))
        .startsWith("Missing 'frameworkId'");
    HttpResponse<String> get = http.get("/master/teardown");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
  }

  private List<String> taskIds(String pathAndQuery) throws Exception {
    return http.getJson(pathAndQuery).getJsonArray("tasks").stream()
        .map(t -> ((JsonObject) t).getString("id")).toList();
  }

  private void assertBadRequest(String pathAndQuery, String messageStart) throws Exception {
    HttpResponse<String> response = http.get(pathAndQuery);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
    assertThat(response.body()).startsWith(messageStart);
  }

  /** The entry with this id (or, for a null id, the only entry). */
  private static JsonObject find(JsonArray items, String id) {
    if (id == null) {
      assertThat(items).hasSize(1);
      return items.getJsonObject(0);
    }
    return items.stream().map(JsonObject.class::cast)
        .filter(o -> id.equals(o.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + id + " in " + items.encode()));
  }
}
