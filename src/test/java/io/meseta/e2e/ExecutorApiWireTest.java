package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentVerticle;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's executor API on the wire (reference §2), spoken by hand as a non-Java executor
 * would: the test stands in for an executor process that never subscribes by itself.
 */
class ExecutorApiWireTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path work;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void subscribeStreamsRecordIoJsonAndCallsAreAnsweredAsMesosDoes() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:2;mem:1024", work);
        ExecutorFramework framework = new ExecutorFramework(cluster.vertx, cluster.masterAddress(), "wire")) {
      AgentVerticle agent = cluster.agents.get(0);
      framework.launch(ExecutorFramework.executor("wire", "sleep 60", 500),
          List.of(ExecutorFramework.task("wire-task", "")));
      String frameworkId = framework.driver.frameworkId().orElseThrow().getValue();
      URI api = URI.create("http://127.0.0.1:" + agent.httpPort() + "/api/v1/executor");
      String ids = "\"framework_id\":{\"value\":\"" + frameworkId + "\"},"
          + "\"executor_id\":{\"value\":\"wire\"}";
      Awaits.until("the executor to be started", WAIT, () -> TestCluster.await(agent.executorPids())
          .keySet().stream().anyMatch(k -> k.endsWith("/wire")));

      HttpResponse<InputStream> subscribed = http.send(HttpRequest.newBuilder(api)
              .header("Content-Type", "application/json").header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"type\":\"SUBSCRIBE\"," + ids + ",\"subscribe\":{}}")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(subscribed.statusCode()).isEqualTo(200);
      assertThat(subscribed.headers().firstValue("Content-Type")).contains("application/json");
      InputStream events = subscribed.body();

      JsonObject first = nextRecord(events);
      assertThat(first.getString("type")).isEqualTo("SUBSCRIBED");
      JsonObject info = first.getJsonObject("subscribed");
      assertThat(info.getJsonObject("executor_info").getJsonObject("executor_id").getString("value"))
          .isEqualTo("wire");
      assertThat(info.getJsonObject("framework_info").getJsonObject("id").getString("value"))
          .isEqualTo(frameworkId);
      assertThat(info.getJsonObject("agent_info").getJsonObject("id").getString("value"))
          .isEqualTo(agent.agentId());
      assertThat(info.getJsonObject("container_id").getString("value")).isNotBlank();
      JsonObject launch = nextRecord(events);
      assertThat(launch.getString("type")).isEqualTo("LAUNCH");
      assertThat(launch.getJsonObject("launch").getJsonObject("task").getJsonObject("task_id")
          .getString("value")).isEqualTo("wire-task");

      String uuid = Base64.getEncoder().encodeToString(new byte[16]);
      HttpResponse<String> update = post(api, "{\"type\":\"UPDATE\"," + ids + ",\"update\":{\"status\":"
          + "{\"task_id\":{\"value\":\"wire-task\"},\"state\":\"TASK_RUNNING\",\"uuid\":\"" + uuid
          + "\",\"source\":\"SOURCE_EXECUTOR\"}}}");
      assertThat(update.statusCode()).isEqualTo(202);
      JsonObject acknowledged = nextRecord(events);
      assertThat(acknowledged.getString("type")).isEqualTo("ACKNOWLEDGED");
      assertThat(acknowledged.getJsonObject("acknowledged").getString("uuid")).isEqualTo(uuid);
      framework.awaitState("wire-task", TaskState.TASK_RUNNING);

      HttpResponse<String> untyped = post(api, "{" + ids + "}");
      assertThat(untyped.statusCode()).isEqualTo(400);
      assertThat(untyped.body()).contains("Expecting 'type' to be present");
      HttpResponse<String> shortUuid = post(api, "{\"type\":\"UPDATE\"," + ids + ",\"update\":{"
          + "\"status\":{\"task_id\":{\"value\":\"wire-task\"},\"state\":\"TASK_FINISHED\","
          + "\"uuid\":\"AAAA\"}}}");
      assertThat(shortUuid.statusCode()).isEqualTo(400);
      assertThat(shortUuid.body()).contains("16-byte UUID");
      HttpResponse<String> malformed = post(api, "{\"type\":");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.body()).isNotBlank();
      assertThat(framework.states("wire-task")).doesNotContain(TaskState.TASK_FINISHED);
    }
  }

  private HttpResponse<String> post(URI api, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(api).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One RecordIO record: the length in decimal, a newline, then that many bytes of JSON. */
  private static JsonObject nextRecord(InputStream in) throws IOException {
    StringBuilder length = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      assertThat(c).as("record length digit").isBetween((int) '0', (int) '9');
      length.append((char) c);
    }
    byte[] record = in.readNBytes(Integer.parseInt(length.toString()));
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.write(record);
    return new JsonObject(copy.toString(StandardCharsets.UTF_8));
  }
}
