package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: the master's meters in the Prometheus text format, moving with the cluster. */
class PrometheusMetricsTest {
  @TempDir
  Path work;

  @Test
  void aFinishedTaskMovesTheCountersAndEveryComponentHasItsMeters() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, "cpus:2;mem:1024", work);
        TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("prometheus", 0, false))) {
      OperatorHttp http = new OperatorHttp(cluster.masterAddress());
      String before = scrape(http);
      assertThat(value(before, "meseta_tasks_terminal_total{state=\"finished\"}")).isZero();
      assertThat(value(before, "meseta_agents{state=\"connected\"}")).isEqualTo(2.0);
      assertThat(value(before, "meseta_resources_capacity{resource=\"cpus\"}")).isEqualTo(4.0);

      framework.start();
      framework.submit("counted", "true");
      framework.awaitState("counted", TaskState.TASK_FINISHED, Duration.ofSeconds(20));

      Awaits.until("the finished task to reach /metrics", Duration.ofSeconds(10),
          () -> value(scrape(http), "meseta_tasks_terminal_total{state=\"finished\"}") == 1.0);
      String after = scrape(http);
      assertThat(value(after, "meseta_allocation_run_seconds_count"))
          .isGreaterThan(value(before, "meseta_allocation_run_seconds_count"));
      assertThat(value(after, "meseta_offers_total{outcome=\"sent\"}")).isGreaterThanOrEqualTo(1);
      // RUNNING and FINISHED, each sent by the agent.
      assertThat(value(after, "meseta_status_updates_total")).isGreaterThanOrEqualTo(2);
      assertThat(value(after, "meseta_frameworks{state=\"active\"}")).isEqualTo(1.0);
      assertThat(after).contains("meseta_offers_total{outcome=\"declined\"}",
          "meseta_offers_total{outcome=\"rescinded\"}",
          "meseta_offers_total{outcome=\"timed_out\"}", "meseta_offers_outstanding ",
          "meseta_tasks{state=\"running\"}", "meseta_tasks_preempted_total ",
          "meseta_agent_registrations_total{kind=\"new\"} 2", "jvm_memory_used_bytes");
      // Bounded tags only: no task id ever becomes a label.
      assertThat(after).doesNotContain("counted");

      // Mesos' snapshot is still served beside it.
      assertThat(http.getJson("/metrics/snapshot").getDouble("master/tasks_finished"))
          .isEqualTo(1.0);
    }
  }

  private static String scrape(OperatorHttp http) throws Exception {
    HttpResponse<String> response = http.get("/metrics");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    return response.body();
  }

  /** The sample's value, for a series given as its name and labels exactly as written out. */
  private static double value(String scrape, String series) {
    Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    if (!sample.find()) {
      throw new AssertionError("No sample " + series + " in:\n" + scrape);
    }
    return Double.parseDouble(sample.group(1));
  }
}
