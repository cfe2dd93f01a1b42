package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators' quotas and weights as frameworks feel them, on a real master with real agents:
 * a limit caps the offers of its role's framework, weights change who is offered first, and a
 * limit below what a role already runs needs {@code force}.
 */
class RoleQuotaTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir
  Path work;

  /** A raw framework in {@code role} and every offer it has received so far. */
  private static final class RoleFramework implements AutoCloseable {
    final RawScheduler raw;
    final List<Offer> offers = new ArrayList<>();

    RoleFramework(TestCluster cluster, String name, String role) throws Exception {
      raw = new RawScheduler(cluster.vertx, cluster.master.port());
      raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"test\","
          + "\"name\":\"" + name + "\",\"role\":\"" + role + "\"}}}");
      assertThat(raw.next(WAIT).getType()).isEqualTo(Event.Type.SUBSCRIBED);
    }

    /** Takes in what has arrived; never declines, so every offer stays outstanding. */
    double offeredCpus() {
      for (Event e = raw.events.poll(); e != null; e = raw.events.poll()) {
        if (e.getType() == Event.Type.OFFERS) {
          offers.addAll(e.getOffers().getOffersList());
        }
      }
      return offers.stream().flatMap(o -> o.getResourcesList().stream())
          .filter(r -> r.getName().equals("cpus")).mapToDouble(r -> r.getScalar().getValue())
          .sum();
    }

    @Override
    public void close() throws Exception {
      raw.close();
    }
  }

  private static void assertOk(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
  }

  @Test
  void aQuotaLimitCapsWhatItsRolesFrameworkIsOffered() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, "cpus:2;mem:1024;disk:1000", work)) {
      OperatorHttp http = new OperatorHttp(cluster.masterAddress());
      assertOk(http.postJson("/api/v1", "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{"
          + "\"quota_configs\":[{\"role\":\"a\",\"limits\":{\"cpus\":{\"value\":1},"
          + "\"mem\":{\"value\":512}}}]}}"));
      try (RoleFramework a = new RoleFramework(cluster, "capped", "a");
          RoleFramework b = new RoleFramework(cluster, "free", "b")) {
        // 4 cpus in all: a may hold 1 however often it is first; b gets the other 3.
        Awaits.until(() -> "b to be offered 3 cpus (has " + b.offeredCpus() + ", a has "
            + a.offeredCpus() + ")", WAIT, () -> b.offeredCpus() == 3.0);
        assertThat(a.offeredCpus()).isEqualTo(1.0);
        assertThat(a.offers.stream().flatMap(o -> o.getResourcesList().stream())
            .filter(r -> r.getName().equals("mem")).mapToDouble(r -> r.getScalar().getValue())
            .sum()).isLessThanOrEqualTo(512.0);

        JsonObject role = roleNamed(http, "a");
        assertThat(role.getJsonObject("quota").getJsonObject("limit").getMap())
            .containsEntry("cpus", 1.0).containsEntry("mem", 512.0);
        assertThat(role.getJsonObject("offered").getDouble("cpus")).isEqualTo(1.0);
      }
    }
  }

  @Test
  void weightsChangeWhichRoleIsOfferedFirst() throws Exception {
    // Four 1-cpu agents register one by one while frameworks in roles a and b wait. Equal
    // weights: each agent goes to the role with the lower share, so 2 and 2. With a's weight
    // 10, a's share is divided by 10: after one agent each, a (0.25 / 10) is still below b
    // (0.25), so a is first for the last two agents: 3 and 1.
    assertThat(cpusPerRole(null)).containsExactly(2.0, 2.0);
    assertThat(cpusPerRole("[{\"role\":\"a\",\"weight\":10.0}]")).containsExactly(3.0, 1.0);
  }

  private List<Double> cpusPerRole(String weights) throws Exception {
    Path dir = work.resolve(weights == null ? "equal" : "weighted");
    try (TestCluster cluster = TestCluster.start(0, "cpus:1;mem:256", dir)) {
      OperatorHttp http = new OperatorHttp(cluster.masterAddress());
      if (weights != null) {
        HttpResponse<String> put = http.put("/master/weights", weights);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      }
      try (RoleFramework a = new RoleFramework(cluster, "fw-a", "a");
          RoleFramework b = new RoleFramework(cluster, "fw-b", "b")) {
        for (int i = 0; i < 4; i++) {
          cluster.addAgent("cpus:1;mem:256", dir.resolve("agent-" + i));
          int offered = i + 1;
          Awaits.until("agent " + offered + " to be offered", WAIT,
              () -> a.offeredCpus() + b.offeredCpus() == offered);
        }
        return List.of(a.offeredCpus(), b.offeredCpus());
      }
    }
  }

  @Test
  void aLimitBelowWhatTheRoleRunsIsRefusedUnlessForced() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:2;mem:1024", work);
        TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("runs-in-a", 0, false).toBuilder().setRole("a").build())) {
      OperatorHttp http = new OperatorHttp(cluster.masterAddress());
      framework.start();
      framework.submit("holds-cpu", "sleep 30");
      framework.awaitState("holds-cpu", TaskState.TASK_RUNNING, WAIT);

      String update = "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":%s,"
          + "\"quota_configs\":[{\"role\":\"a\",\"limits\":{\"cpus\":{\"value\":0.05}}}]}}";
      HttpResponse<byte[]> refused = http.postJson("/api/v1", update.formatted("false"));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains(
          "role 'a' consumed cpus:0.1 > limit cpus:0.05; use force to override",
          "nothing was changed");
      assertThat(http.getJson("/master/quota").getJsonArray("configs", null)).isNull();

      assertOk(http.postJson("/api/v1", update.formatted("true")));
      assertThat(http.getJson("/master/quota").encode()).isEqualTo("{\"configs\":[{\"role\":"
          + "\"a\",\"limits\":{\"cpus\":{\"value\":0.05}}}]}");
      assertThat(framework.states("holds-cpu")).doesNotContain(TaskState.TASK_KILLED);
    }
  }

  static JsonObject roleNamed(OperatorHttp http, String name) throws Exception {
    return http.getJson("/master/roles").getJsonArray("roles").stream()
        .map(JsonObject.class::cast).filter(r -> r.getString("name").equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no role " + name + " in /master/roles"));
  }
}
