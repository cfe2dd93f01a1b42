package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.master.MasterNode;
import io.meseta.master.state.MemoryStateStore;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator surfaces of weights and quotas: every bad input refused with what to fix and
 * nothing changed, values read back over v1 and v0, and a master started on the same state
 * store finding them again, while a deposed leader's writes are fenced off.
 */
class RolePolicyApiTest {
  private static final String QUOTA = "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":"
      + "{\"quota_configs\":[%s]}}";
  private static final String WEIGHTS = "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":"
      + "{\"weight_infos\":[%s]}}";
  @TempDir
  Path work;

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static void assertRefused(HttpResponse<byte[]> response, String... parts) {
    assertThat(response.statusCode()).as(body(response)).isEqualTo(400);
    assertThat(body(response)).contains(parts);
  }

  private static Response v1(OperatorHttp http, String type) throws Exception {
    HttpResponse<byte[]> response = http.postJson("/api/v1", "{\"type\":\"" + type + "\"}");
    assertThat(response.statusCode()).as(body(response)).isEqualTo(200);
    return MesosJson.parse(body(response), Response.getDefaultInstance());
  }

  @Test
  void badUpdatesAreRefusedWithWhatToFixAndChangeNothing() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:2;mem:1024", work)) {
      OperatorHttp http = new OperatorHttp(cluster.masterAddress());
      assertRefused(http.postJson("/api/v1", WEIGHTS.formatted(
          "{\"role\":\"ok\",\"weight\":2.0},{\"role\":\"dev\",\"weight\":0}")),
          "weight of role 'dev' must be a finite number greater than 0, got 0.0");
      assertRefused(http.postJson("/api/v1", WEIGHTS.formatted(
          "{\"role\":\"my team\",\"weight\":2.0}")), "role 'my team' must not contain whitespace");
      assertRefused(http.postJson("/api/v1", WEIGHTS.formatted(
          "{\"role\":\"a\",\"weight\":2.0},{\"role\":\"a\",\"weight\":3.0}")),
          "weight_infos[1]: role 'a' appears more than once");
      assertRefused(http.postJson("/api/v1", "{\"type\":\"UPDATE_WEIGHTS\"}"),
          "Expecting 'update_weights' to be present");
      assertRefused(http.postJson("/api/v1", QUOTA.formatted("{\"role\":\"ok\",\"limits\":"
          + "{\"cpus\":{\"value\":4}}},{\"role\":\"dev\",\"guarantees\":{\"cpus\":{\"value\":4}},"
          + "\"limits\":{\"cpus\":{\"value\":2}}}")),
          "quota_configs[1] (role 'dev'): quota guarantee of cpus (4.0) is above its limit (2.0)");
      assertRefused(http.postJson("/api/v1", QUOTA.formatted(
          "{\"role\":\"dev\",\"limits\":{\"mem\":{\"value\":-5}}}")),
          "quota_configs[0] (role 'dev').limits.mem", "finite and non-negative");
      assertRefused(http.postJson("/api/v1", QUOTA.formatted(
          "{\"role\":\"*\",\"limits\":{\"cpus\":{\"value\":1}}}")),
          "quota cannot be set on the '*' role");
      assertRefused(http.postJson("/api/v1", QUOTA.formatted(
          "{\"role\":\"dev\",\"limits\":{\"ports\":{\"value\":1}}}")), "not a scalar resource");
      assertRefused(http.postJson("/api/v1", "{\"type\":\"UPDATE_QUOTA\"}"),
          "Expecting 'update_quota' to be present");
      for (String bad : new String[] {"", "{\"role\":\"a\"}", "[1]", "[{\"role\":\"a\"}]",
          "[{\"role\":\"a\",\"weight\":-1}]"}) {
        HttpResponse<String> put = http.put("/master/weights", bad);
        assertThat(put.statusCode()).as("PUT %s: %s", bad, put.body()).isEqualTo(400);
        assertThat(put.body()).as(bad).contains("weight");
      }
      assertThat(http.post("/master/quota", new byte[0]).statusCode()).isEqualTo(405);

      assertThat(v1(http, "GET_WEIGHTS").getGetWeights().getWeightInfosCount()).isZero();
      assertThat(v1(http, "GET_QUOTA").getGetQuota().getStatus().getConfigsCount()).isZero();
      assertThat(http.get("/master/weights").body()).isEqualTo("[]");
      assertThat(http.getJson("/master/roles").getJsonArray("roles")).isEmpty();
    }
  }

  @Test
  void valuesReadBackEverywhereAndSurviveOnTheSameStore() throws Exception {
    MemoryStateStore store = new MemoryStateStore();
    Vertx first = Vertx.vertx();
    Vertx second = Vertx.vertx();
    try {
      MasterNode leader = TestCluster.await(
          MasterNode.start(first, TestCluster.fastConfig(), store, 1));
      OperatorHttp http = new OperatorHttp("127.0.0.1:" + leader.port());
      assertThat(http.put("/master/weights", "[{\"role\":\"dev\",\"weight\":2.5}]").statusCode())
          .isEqualTo(200);
      assertThat(http.postJson("/api/v1", WEIGHTS.formatted("{\"role\":\"ops\",\"weight\":0.5}"))
          .statusCode()).isEqualTo(200);
      assertThat(http.postJson("/api/v1", QUOTA.formatted("{\"role\":\"dev\",\"guarantees\":"
          + "{\"cpus\":{\"value\":1}},\"limits\":{\"cpus\":{\"value\":10},\"mem\":"
          + "{\"value\":2048}}}")).statusCode()).isEqualTo(200);
      assertReadBack(http);

      // A new leader on the same store (epoch 2) finds them all; the old one is fenced off.
      MasterNode successor = TestCluster.await(
          MasterNode.start(second, TestCluster.fastConfig(), store, 2));
      OperatorHttp next = new OperatorHttp("127.0.0.1:" + successor.port());
      assertReadBack(next);
      assertThat(next.postJson("/api/v1", QUOTA.formatted("{\"role\":\"ops\"}")).statusCode())
          .isEqualTo(200);
      HttpResponse<byte[]> stale = http.postJson("/api/v1",
          WEIGHTS.formatted("{\"role\":\"dev\",\"weight\":9.0}"));
      assertThat(stale.statusCode()).isEqualTo(503);
      assertThat(body(stale)).contains("could not be stored", "no longer the leader",
          "nothing changed");
      assertThat(http.getJson("/master/roles").getJsonArray("roles").getJsonObject(0)
          .getDouble("weight")).isEqualTo(2.5);
    } finally {
      TestCluster.await(first.close());
      TestCluster.await(second.close());
    }
  }

  private static void assertReadBack(OperatorHttp http) throws Exception {
    assertThat(v1(http, "GET_WEIGHTS").getGetWeights().getWeightInfosList())
        .extracting(w -> w.getRole() + "=" + w.getWeight())
        .containsExactly("dev=2.5", "ops=0.5");
    assertThat(new JsonArray(http.get("/master/weights").body()).encode())
        .isEqualTo("[{\"weight\":2.5,\"role\":\"dev\"},{\"weight\":0.5,\"role\":\"ops\"}]");
    var config = v1(http, "GET_QUOTA").getGetQuota().getStatus().getConfigs(0);
    assertThat(config.getRole()).isEqualTo("dev");
    assertThat(config.getGuaranteesMap().get("cpus").getValue()).isEqualTo(1.0);
    assertThat(config.getLimitsMap().get("mem").getValue()).isEqualTo(2048.0);
    assertThat(http.getJson("/master/quota").getJsonArray("configs")).hasSize(1);
    var dev = RoleQuotaTest.roleNamed(http, "dev");
    assertThat(dev.getDouble("weight")).isEqualTo(2.5);
    assertThat(dev.getJsonObject("quota").getJsonObject("guarantee").getMap())
        .containsExactly(java.util.Map.entry("cpus", 1.0));
    assertThat(dev.getJsonObject("quota").getJsonObject("limit").getMap())
        .containsEntry("cpus", 10.0).containsEntry("mem", 2048.0);
    assertThat(v1(http, "GET_ROLES").getGetRoles().getRolesList())
        .extracting(r -> r.getName() + "=" + r.getWeight())
        .containsExactly("dev=2.5", "ops=0.5");
  }
}
