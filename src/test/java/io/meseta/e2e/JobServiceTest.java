package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The job service over REST on a real cluster: two agents with 2 cpus and one with 1 cpu, so a
 * gang of three 2-cpu tasks can never start while small jobs run everywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobServiceTest {
  @TempDir
  static Path work;
  private TestCluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();

  record Reply(int status, JsonObject body) {}

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(2, "cpus:2;mem:1024", work);
    cluster.addAgent("cpus:1;mem:1024", work.resolve("agent-small"));
    cluster.awaitAgents(3);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private Reply send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://" + cluster.masterAddress() + path));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), new JsonObject(response.body()));
  }

  private JsonObject submit(JsonObject job) throws Exception {
    Reply reply = send("POST", "/api/v1/jobs", job.encode());
    assertThat(reply.status()).as(reply.body().encode()).isEqualTo(201);
    return reply.body();
  }

  private JsonObject job(String id) throws Exception {
    return send("GET", "/api/v1/jobs/" + id, null).body();
  }

  private void awaitState(String id, String state, Duration limit) throws Exception {
    Awaits.until(id + " " + state, limit, () -> job(id).getString("state").equals(state));
  }

  private int jobCount() throws Exception {
    return send("GET", "/api/v1/jobs", null).body().getJsonArray("jobs").size();
  }

  @Test
  void twentyEchoJobsAllFinish() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(submit(new JsonObject().put("name", "echo-" + i).put("command", "echo hello " + i)
          .put("resources", "cpus:0.1;mem:16")).getString("id"));
    }
    Awaits.until("20 jobs FINISHED", Duration.ofSeconds(30), () -> {
      for (String id : ids) {
        if (!job(id).getString("state").equals("FINISHED")) {
          return false;
        }
      }
      return true;
    });
    JsonArray finished = send("GET", "/api/v1/jobs?state=finished", null).body()
        .getJsonArray("jobs");
    assertThat(finished.stream().map(j -> ((JsonObject) j).getString("id"))).containsAll(ids);
  }

  @Test
  void aFailingJobIsRetriedMaxRetriesTimesThenFails() throws Exception {
    String id = submit(new JsonObject().put("name", "flaky").put("command", "exit 3")
        .put("restart", new JsonObject().put("max_retries", 2).put("backoff", "100ms")))
        .getString("id");
    awaitState(id, "FAILED", Duration.ofSeconds(30));
    JsonObject job = job(id);
    assertThat(job.getInteger("attempt")).isEqualTo(2);
    assertThat(job.getString("message")).contains("after 3 attempts").contains("exit");
    assertThat(job.getJsonArray("tasks").getJsonObject(0).getString("task_id"))
        .isEqualTo(id + "-0-retry2");
  }

  @Test
  void deletingARunningJobKillsItsProcess() throws Exception {
    String id = submit(new JsonObject().put("name", "sleeper")
        .put("command", "echo $$ > sleeper.pid; exec sleep 600")).getString("id");
    awaitState(id, "RUNNING", Duration.ofSeconds(20));
    long pid = pidOf(id + "-0");
    assertThat(ProcessHandle.of(pid)).as("the task's process").isPresent();

    Reply killed = send("DELETE", "/api/v1/jobs/" + id, null);
    assertThat(killed.status()).isEqualTo(200);
    assertThat(killed.body().getString("state")).isEqualTo("KILLED");
    Awaits.until("the task reported KILLED", Duration.ofSeconds(20), () -> job(id)
        .getJsonArray("tasks").getJsonObject(0).getString("state").equals("KILLED"));
    Awaits.until("process " + pid + " gone", Duration.ofSeconds(10),
        () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));

    Reply again = send("DELETE", "/api/v1/jobs/" + id, null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().getString("error")).contains("already ended (KILLED)");
  }

  @Test
  void aGangTheClusterCannotHoldStaysPendingAndSaysWhy() throws Exception {
    String id = submit(new JsonObject().put("name", "gang").put("command", "sleep 1")
        .put("resources", "cpus:2;mem:64").put("gang_size", 3)).getString("id");
    Awaits.until("a verdict for the gang", Duration.ofSeconds(20), () ->
        send("GET", "/api/v1/jobs/" + id + "/why", null).body().getString("as_of") != null);
    JsonObject why = send("GET", "/api/v1/jobs/" + id + "/why", null).body();
    assertThat(job(id).getString("state")).isEqualTo("PENDING");
    assertThat(why.getString("summary")).contains("of 3 gang tasks fit at once")
        .contains("1 agent has too few cpus in total (needs 2)");
    assertThat(why.getJsonArray("reasons").stream().map(r -> ((JsonObject) r).getString("reason")))
        .contains("AGENT_TOO_SMALL");
    assertThat(send("DELETE", "/api/v1/jobs/" + id, null).status()).isEqualTo(200);
  }

  @Test
  void whenOneGangMemberFailsTheRestOfTheGangIsKilled() throws Exception {
    // Task 0 fails after a moment; task 1 would sleep for ten minutes.
    String id = submit(new JsonObject().put("name", "doomed-gang").put("gang_size", 2)
        .put("command", "case \"$MESOS_TASK_ID\" in *-0) sleep 0.5; exit 1;; *) exec sleep 600;;"
            + " esac")).getString("id");
    awaitState(id, "FAILED", Duration.ofSeconds(20));
    Awaits.until("the surviving gang member KILLED", Duration.ofSeconds(20), () -> job(id)
        .getJsonArray("tasks").getJsonObject(1).getString("state").equals("KILLED"));
    assertThat(job(id).getString("message")).contains("task " + id + "-0 FAILED");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON       | {\"command\": \"echo        | not valid JSON",
      "negative resources   | {\"command\":\"true\",\"resources\":\"cpus:-1\"} | invalid resource 'cpus:-1'",
      "unknown operator     | {\"command\":\"true\",\"constraints\":[\"rack LIKE r1\"]} | unknown constraint operator 'LIKE'",
      "gang beyond cluster  | {\"command\":\"true\",\"gang_size\":4} | gang_size 4 is larger than the cluster (3 active agents)",
      "misspelt field       | {\"command\":\"true\",\"gang\":2} | unknown field 'gang'",
      "wrong type           | {\"command\":\"true\",\"priority\":\"high\"} | priority must be a whole number",
      "no command           | {\"name\":\"x\"} | command is missing",
  })
  void badInputIsRefusedWithWhatToFixAndNothingIsQueued(String what, String body, String message)
      throws Exception {
    int before = jobCount();
    Reply reply = send("POST", "/api/v1/jobs", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().getString("error")).contains(message);
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  void hugeBodiesUnknownJobsAndBadFiltersGetClearErrors() throws Exception {
    String huge = "{\"command\":\"" + "x".repeat(100_000) + "\"}";
    Reply tooBig = send("POST", "/api/v1/jobs", huge);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.body().getString("error")).contains("larger than 64 KB");
    assertThat(send("GET", "/api/v1/jobs/job-999999", null).status()).isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/jobs/nope", null).status()).isEqualTo(404);
    Reply badState = send("GET", "/api/v1/jobs?state=SLEEPING", null);
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.body().getString("error")).contains("unknown job state 'SLEEPING'");
  }

  private long pidOf(String taskId) throws Exception {
    Path[] found = new Path[1];
    Awaits.until("the pid file of " + taskId, Duration.ofSeconds(10), () -> {
      try (Stream<Path> files = Files.walk(work)) {
        found[0] = files.filter(p -> p.getFileName().toString().equals("sleeper.pid")
            && p.getParent().getFileName().toString().equals(taskId)).findFirst().orElse(null);
      }
      return found[0] != null && !Files.readString(found[0]).isBlank();
    });
    return Long.parseLong(Files.readString(found[0]).trim());
  }
}
