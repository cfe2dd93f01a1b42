package io.meseta.master.cluster;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Where the leader serves: its master node id, the hostname and HTTP port it advertises, the epoch
 * it was elected with, and its Hazelcast member (so a node can tell that the leader left).
 */
public record LeaderAddress(String nodeId, String hostname, int port, long epoch, UUID member) {

  String encode() {
    return new JsonObject()
        .put("node_id", nodeId)
        .put("hostname", hostname)
        .put("port", port)
        .put("epoch", epoch)
        .put("member", member.toString())
        .encode();
  }

  static LeaderAddress decode(String json) {
    JsonObject o = new JsonObject(json);
    return new LeaderAddress(o.getString("node_id"), o.getString("hostname"),
        o.getInteger("port"), o.getLong("epoch"), UUID.fromString(o.getString("member")));
  }
}
