package io.meseta.master;

import java.util.UUID;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.MasterInfo;

/**
 * Who this master is: a random id per process start (Mesos: {@code info_.set_id(UUID::random())}),
 * from which framework, agent and offer ids are derived, and the MasterInfo frameworks receive.
 */
public record MasterIdentity(String id, String nodeId, String hostname, int port, long startMillis) {
  public static final String VERSION = "1.11.0";

  public static MasterIdentity create(String hostname, int port, long startMillis) {
    String id = UUID.randomUUID().toString();
    return new MasterIdentity(id, id, hostname, port, startMillis);
  }

  /** MasterInfo as Mesos prints it in state.json's {@code leader_info}. */
  public io.vertx.core.json.JsonObject masterInfoJson() {
    return new io.vertx.core.json.JsonObject()
        .put("id", id)
        .put("pid", "master@" + hostname + ":" + port)
        .put("port", port)
        .put("hostname", hostname)
        .put("version", VERSION)
        .put("address", new io.vertx.core.json.JsonObject().put("hostname", hostname).put("port", port));
  }

  public MasterInfo masterInfo() {
    return MasterInfo.newBuilder()
        .setId(id)
        .setIp(0)
        .setPort(port)
        .setPid("master@" + hostname + ":" + port)
        .setHostname(hostname)
        .setVersion(VERSION)
        .setAddress(Address.newBuilder().setHostname(hostname).setPort(port))
        .build();
  }
}
