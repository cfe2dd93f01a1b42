package io.meseta.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.gateway.scheduler.Leadership;
import io.meseta.gateway.scheduler.Leadership.MasterNode;
import io.meseta.master.MasterIdentity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderJsonTest {
  private final MasterIdentity self = new MasterIdentity("m1", "m1", "10.0.0.1", 5050, 0);
  private final List<MasterNode> three = List.of(new MasterNode("m1", "10.0.0.1", 5050),
      new MasterNode("m2", "10.0.0.2", 5051), new MasterNode("m3", "10.0.0.3", 5052));

  @Test
  void aSingleNodeLeadsAndListsItself() {
    JsonObject json = LeaderJson.put(new JsonObject(), self, Leadership.singleNode());

    assertThat(json.getString("leader")).isEqualTo("master@10.0.0.1:5050");
    assertThat(json.getJsonObject("leader_info")).isEqualTo(self.masterInfoJson());
    assertThat(json.getJsonArray("master_nodes")).isEqualTo(new JsonArray().add(new JsonObject()
        .put("id", "m1").put("hostname", "10.0.0.1").put("port", 5050).put("leader", true)));
  }

  @Test
  void aFollowerNamesTheNodeItFollows() {
    Leadership following = leadership(new Leadership.Following("10.0.0.2", 5051), three);

    JsonObject json = LeaderJson.put(new JsonObject(), self, following);

    assertThat(json.getString("leader")).isEqualTo("master@10.0.0.2:5051");
    JsonObject info = json.getJsonObject("leader_info");
    assertThat(info.getString("id")).isEqualTo("m2");
    assertThat(info.getString("hostname")).isEqualTo("10.0.0.2");
    assertThat(info.getInteger("port")).isEqualTo(5051);
    assertThat(json.getJsonArray("master_nodes").stream().map(n -> (JsonObject) n)
        .map(n -> n.getString("id") + "=" + n.getBoolean("leader")))
        .containsExactly("m1=false", "m2=true", "m3=false");
  }

  @Test
  void withoutALeaderThereIsNoLeaderFieldAndNoNodeLeads() {
    JsonObject json = LeaderJson.put(new JsonObject(), self,
        leadership(new Leadership.NoLeader(), three));

    assertThat(json.fieldNames()).doesNotContain("leader", "leader_info");
    assertThat(json.getJsonArray("master_nodes")).hasSize(3)
        .allMatch(n -> !((JsonObject) n).getBoolean("leader"));
  }

  private static Leadership leadership(Leadership.Status status, List<MasterNode> nodes) {
    return new Leadership() {
      @Override
      public Status status() {
        return status;
      }

      @Override
      public List<MasterNode> masterNodes() {
        return nodes;
      }
    };
  }
}
