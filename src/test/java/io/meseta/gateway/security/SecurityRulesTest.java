package io.meseta.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.protocol.json.MesosJson;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/** The pure rules: credentials files, JSON depth, Mesos ids, per-call limits, principals. */
class SecurityRulesTest {
  private final SchedulerCallLimits limits =
      new SchedulerCallLimits(InputLimits.defaults().withPerAccept(2, 2));

  @Test
  void aCredentialsFileInMesosShapeVerifiesOnlyTheRightSecret() {
    Credentials credentials = Credentials.parse(
        "{\"credentials\":[{\"principal\":\"a\",\"secret\":\"s1\"},"
            + "{\"principal\":\"b\",\"secret\":\"s2\"}]}", "creds.json");
    assertThat(credentials.verify("a", "s1")).isTrue();
    assertThat(credentials.verify("a", "s2")).isFalse();
    assertThat(credentials.verify("a", "s1 ")).isFalse();
    assertThat(credentials.verify("c", "s1")).isFalse();
  }

  @Test
  void aBadCredentialsFileSaysWhatShapeIsExpected() {
    assertThatThrownBy(() -> Credentials.parse("[]", "f.json"))
        .hasMessageContaining("f.json is not a credentials file");
    assertThatThrownBy(() -> Credentials.parse("{\"credentials\":[]}", "f.json"))
        .hasMessageContaining("lists no credentials");
    assertThatThrownBy(() -> Credentials.parse(
        "{\"credentials\":[{\"principal\":\"a\"}]}", "f.json"))
        .hasMessageContaining("credentials[0] needs a non-empty 'principal' and 'secret'");
    assertThatThrownBy(() -> Credentials.parse("{\"credentials\":[{\"principal\":\"a\",\"secret\":"
        + "\"x\"},{\"principal\":\"a\",\"secret\":\"y\"}]}", "f.json"))
        .hasMessageContaining("listed twice");
  }

  @Test
  void authenticationOnWithNoWayInIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new AuthSettings(true, false, Credentials.none(), null))
        .hasMessageContaining("give --credentials FILE");
  }

  @Test
  void jsonDepthCountsObjectsAndArraysButNotBracketsInStrings() {
    assertThat(JsonDepth.problem("{\"a\":[{\"b\":1}]}", 3)).isEmpty();
    assertThat(JsonDepth.problem("{\"a\":[{\"b\":[1]}]}", 3)).isPresent();
    assertThat(JsonDepth.problem("{\"a\":\"[[[[[[\\\"[[[[\"}", 1)).isEmpty();
    assertThat(JsonDepth.problem("[".repeat(100_000), 64).orElseThrow())
        .contains("deeper than 64");
  }

  @Test
  void theCodecItselfRejectsDeepJsonCleanlyWhereNoLimitIsConfigured() {
    // The operator API decodes with the codec directly: deep input must still be a 400.
    String deep = "{\"type\":\"GET_STATE\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000)
        + "}";
    assertThatThrownBy(() -> MesosJson.parse(deep,
        org.apache.mesos.v1.master.Protos.Call.getDefaultInstance()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsFollowMesosRules() {
    assertThat(MesosIds.problem("task_id", "web-1.a_b:c", 255)).isEmpty();
    assertThat(MesosIds.problem("task_id", "", 255).orElseThrow()).contains("must not be empty");
    assertThat(MesosIds.problem("task_id", "..", 255).orElseThrow()).contains("must not be '..'");
    assertThat(MesosIds.problem("task_id", "a/b", 255).orElseThrow()).contains("position 1");
    assertThat(MesosIds.problem("task_id", "a b", 255)).isPresent();
    assertThat(MesosIds.problem("task_id", "a\u0000", 255)).isPresent();
    assertThat(MesosIds.problem("task_id", "x".repeat(256), 255).orElseThrow())
        .contains("at most 255");
  }

  @Test
  void aCallBreakingALimitIsNamedByFieldAndLimit() {
    assertThat(limits.problem(call("{\"type\":\"KILL\",\"framework_id\":{\"value\":\"f\"},"
        + "\"kill\":{\"task_id\":{\"value\":\"../etc\"}}}")).orElseThrow())
        .contains("'kill.task_id'");
    assertThat(limits.problem(call("{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"f\"},"
        + "\"accept\":{\"offer_ids\":[{\"value\":\"o1\"},{\"value\":\"o2\"},{\"value\":\"o3\"}]}}"))
        .orElseThrow()).contains("ACCEPT names 3 offers; at most 2");
    String task = "{\"name\":\"t\",\"task_id\":{\"value\":\"t%d\"},\"agent_id\":{\"value\":\"a\"}}";
    assertThat(limits.problem(call("{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"f\"},"
        + "\"accept\":{\"offer_ids\":[{\"value\":\"o1\"}],\"operations\":[{\"type\":\"LAUNCH\","
        + "\"launch\":{\"task_infos\":[" + String.format(task, 1) + "," + String.format(task, 2)
        + "," + String.format(task, 3) + "]}}]}}")).orElseThrow())
        .contains("ACCEPT launches 3 tasks; at most 2");
    assertThat(limits.problem(call("{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"f\"},"
        + "\"accept\":{\"offer_ids\":[{\"value\":\"o1\"}],\"operations\":[{\"type\":\"LAUNCH\","
        + "\"launch\":{\"task_infos\":[" + String.format(task, 1).replace("t1", "t 1")
        + "]}}]}}")).orElseThrow())
        .contains("'accept.operations[0].launch.task_infos[0].task_id'");
    assertThatThrownBy(() -> limits.parseJson("{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}",
        Call.getDefaultInstance())).hasMessageContaining("limits.max_json_depth");
  }

  @Test
  void theAuthenticatedPrincipalMustBeTheFrameworksOwn() {
    FrameworkInfo ops = FrameworkInfo.newBuilder().setUser("u").setName("n").setPrincipal("ops")
        .build();
    assertThat(FrameworkPrincipal.mismatch(Optional.empty(), ops)).isEmpty();
    assertThat(FrameworkPrincipal.mismatch(Optional.of("ops"), ops)).isEmpty();
    assertThat(FrameworkPrincipal.mismatch(Optional.of("fw"), ops).orElseThrow())
        .contains("'fw' does not match principal 'ops'");
    assertThat(FrameworkPrincipal.mismatch(Optional.of("fw"), ops.toBuilder().clearPrincipal()
        .build())).isPresent();
  }

  @Test
  void surfacesKeepEverythingButHealthRedirectAndConsoleFilesGuarded() {
    var get = io.vertx.core.http.HttpMethod.GET;
    assertThat(Surface.of(get, "/health")).isEqualTo(Surface.PUBLIC);
    assertThat(Surface.of(get, "/js/app.js")).isEqualTo(Surface.PUBLIC);
    assertThat(Surface.of(get, "/console.css")).isEqualTo(Surface.PUBLIC);
    assertThat(Surface.of(get, "/state.json")).isEqualTo(Surface.CLIENT);
    assertThat(Surface.of(get, "/master/state")).isEqualTo(Surface.CLIENT);
    assertThat(Surface.of(get, "/agent-files/a/read.js")).isEqualTo(Surface.CLIENT);
    assertThat(Surface.of(get, "/js/../master/state")).isEqualTo(Surface.CLIENT);
    assertThat(Surface.of(io.vertx.core.http.HttpMethod.POST, "/x.js")).isEqualTo(Surface.CLIENT);
    assertThat(Surface.of(get, "/api/v1/agent/ws")).isEqualTo(Surface.AGENT);
  }

  private static Call call(String json) {
    return MesosJson.parse(json, Call.getDefaultInstance());
  }
}
