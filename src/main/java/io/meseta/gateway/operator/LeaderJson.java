package io.meseta.gateway.operator;

import io.meseta.gateway.scheduler.Leadership;
import io.meseta.gateway.scheduler.Leadership.MasterNode;
import io.meseta.master.MasterIdentity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Who leads, as this node sees it: Mesos' {@code leader} (a pid) and {@code leader_info} (a
 * MasterInfo), both omitted while no leader is elected as Mesos does, and Meseta's {@code
 * master_nodes}: every master node of the cluster with its address and whether it leads.
 */
final class LeaderJson {
  private LeaderJson() {}

  static JsonObject put(JsonObject target, MasterIdentity identity, Leadership leadership) {
    Leadership.Status status = leadership.status();
    MasterNode self = new MasterNode(identity.id(), identity.hostname(), identity.port());
    List<MasterNode> nodes = leadership.masterNodes();
    if (nodes.isEmpty()) {
      nodes = List.of(self);
    }
    Optional<MasterIdentity> leader = leader(status, identity, nodes);
    leader.ifPresent(l -> target.put("leader", MasterStateJson.pid(l))
        .put("leader_info", l.masterInfoJson()));
    JsonArray listed = new JsonArray();
    for (MasterNode node : nodes) {
      listed.add(new JsonObject().put("id", node.id()).put("hostname", node.hostname())
          .put("port", node.port())
          .put("leader", leader.map(l -> isAt(node, l)).orElse(false)));
    }
    return target.put("master_nodes", listed);
  }

  /** The leading node: this one, the followed one (its id from the node list), or none. */
  private static Optional<MasterIdentity> leader(Leadership.Status status,
      MasterIdentity identity, List<MasterNode> nodes) {
    if (status instanceof Leadership.Leading || status instanceof Leadership.Recovering) {
      return Optional.of(identity);
    }
    if (status instanceof Leadership.Following following) {
      String id = nodes.stream()
          .filter(n -> n.hostname().equals(following.hostname())
              && n.port() == following.port())
          .map(MasterNode::id).findFirst().orElse("");
      return Optional.of(new MasterIdentity(id, id, following.hostname(), following.port(), 0));
    }
    return Optional.empty();
  }

  private static boolean isAt(MasterNode node, MasterIdentity leader) {
    return leader.id().isEmpty()
        ? node.hostname().equals(leader.hostname()) && node.port() == leader.port()
        : node.id().equals(leader.id());
  }
}
