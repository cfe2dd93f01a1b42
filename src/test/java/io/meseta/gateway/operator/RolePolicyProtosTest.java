package io.meseta.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.allocation.RoleQuota;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.quota.Protos.QuotaStatus;
import org.junit.jupiter.api.Test;

/** Mesos' weight and quota messages to the allocator's terms and back. */
class RolePolicyProtosTest {
  private static List<QuotaConfig> configs(String json) {
    return MesosJson.parse("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":" + json + "}",
        Call.getDefaultInstance()).getUpdateQuota().getQuotaConfigsList();
  }

  @Test
  void decodesMesosQuotaConfigs() {
    List<RoleQuota> quotas = RolePolicyProtos.quotas(configs("{\"quota_configs\":[{\"role\":"
        + "\"dev\",\"guarantees\":{\"cpus\":{\"value\":1}},\"limits\":{\"cpus\":{\"value\":10},"
        + "\"mem\":{\"value\":2048}}},{\"role\":\"old\"}]}"));
    assertThat(quotas).hasSize(2);
    assertThat(quotas.get(0).quota().guarantee()).isEqualTo(Resources.parse("cpus:1"));
    assertThat(quotas.get(0).quota().limit()).isEqualTo(Resources.parse("cpus:10;mem:2048"));
    assertThat(quotas.get(1).removes()).isTrue();
  }

  @Test
  void badQuotaConfigsNameTheEntryAndTheProblem() {
    assertThatThrownBy(() -> RolePolicyProtos.quotas(List.of(QuotaConfig.newBuilder()
        .putLimits("cpus", Value.Scalar.newBuilder().setValue(1).build()).buildPartial())))
        .hasMessage("quota_configs[0]: 'role' is missing; name the role the quota is for");
    assertThatThrownBy(() -> RolePolicyProtos.quotas(configs("{\"quota_configs\":[{\"role\":"
        + "\"a\"},{\"role\":\"dev\",\"limits\":{\"cpus\":{\"value\":-1}}}]}")))
        .hasMessageStartingWith("quota_configs[1] (role 'dev').limits.cpus: invalid resource"
            + " 'cpus': scalar values must be finite and non-negative");
    assertThatThrownBy(() -> RolePolicyProtos.quotas(configs("{\"quota_configs\":[{\"role\":"
        + "\"dev\",\"guarantees\":{\"cpus\":{\"value\":4}},\"limits\":{\"cpus\":{\"value\":2}}}]}")))
        .hasMessageContaining("quota_configs[0] (role 'dev'): quota guarantee of cpus (4.0) is"
            + " above its limit (2.0)");
  }

  @Test
  void weightsKeepRequestOrderAndRefuseGapsAndRepeats() {
    WeightInfo dev = WeightInfo.newBuilder().setRole("dev").setWeight(2).build();
    WeightInfo ops = WeightInfo.newBuilder().setRole("ops").setWeight(0.5).build();
    assertThat(RolePolicyProtos.weights(List.of(dev, ops), "weight_infos"))
        .containsExactly(java.util.Map.entry("dev", 2.0), java.util.Map.entry("ops", 0.5));
    assertThatThrownBy(() -> RolePolicyProtos.weights(List.of(dev, dev), "weight_infos"))
        .hasMessage("weight_infos[1]: role 'dev' appears more than once; send one weight per role");
    assertThatThrownBy(() -> RolePolicyProtos.weights(
        List.of(WeightInfo.newBuilder().setRole("dev").buildPartial()), "weights"))
        .hasMessageStartingWith("weights[0] (role 'dev'): 'weight' is missing");
    assertThatThrownBy(() -> RolePolicyProtos.weights(
        List.of(WeightInfo.newBuilder().setWeight(1).buildPartial()), "weights"))
        .hasMessageStartingWith("weights[0]: 'role' is missing");
  }

  @Test
  void quotaStatusCarriesConfigsAndGuaranteeInfos() {
    QuotaStatus status = RolePolicyProtos.status(new JsonObject().put("dev", new JsonObject()
        .put("guarantee", new JsonObject().put("cpus", 1.0))
        .put("limit", new JsonObject().put("cpus", 10.0).put("mem", 2048.0))));
    assertThat(MesosJson.print(status)).isEqualTo("{\"infos\":[{\"role\":\"dev\",\"guarantee\":"
        + "[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1.0},\"role\":\"*\"}]}],"
        + "\"configs\":[{\"role\":\"dev\",\"guarantees\":{\"cpus\":{\"value\":1.0}},"
        + "\"limits\":{\"cpus\":{\"value\":10.0},\"mem\":{\"value\":2048.0}}}]}");
  }
}
