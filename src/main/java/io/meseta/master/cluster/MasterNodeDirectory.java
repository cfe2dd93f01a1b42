package io.meseta.master.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.meseta.gateway.scheduler.Leadership;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The master nodes of the cluster, as {@code /master/state} lists them: each node puts the address
 * it advertises into the replicated map {@value #MAP} under its master id, and every node keeps a
 * local copy fed by an entry listener (gateways read it on their event loops: no network call).
 * When a member leaves, the surviving nodes remove its entry; until then it is not listed.
 */
public final class MasterNodeDirectory {
  static final String MAP = "meseta.nodes";

  private final HazelcastInstance hazelcast;
  private final IMap<String, String> map;
  private final Map<String, Node> cached = new ConcurrentHashMap<>();

  private record Node(String id, String hostname, int port, UUID member) {
    String encode() {
      return new JsonObject().put("id", id).put("hostname", hostname).put("port", port)
          .put("member", member.toString()).encode();
    }

    static Node decode(String json) {
      JsonObject o = new JsonObject(json);
      return new Node(o.getString("id"), o.getString("hostname"), o.getInteger("port"),
          UUID.fromString(o.getString("member")));
    }
  }

  private MasterNodeDirectory(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.map = hazelcast.getMap(MAP);
  }

  /**
   * Subscribes to the map, reads it, and publishes this node ({@code id} is its master id).
   * Blocking: call off the event loop.
   */
  public static MasterNodeDirectory start(HazelcastInstance hazelcast, String id,
      String hostname, int port) {
    MasterNodeDirectory directory = new MasterNodeDirectory(hazelcast);
    // The listeners live as long as the member: the node leaves the cluster when it stops.
    hazelcast.getCluster().addMembershipListener(directory.new Departures());
    directory.map.addEntryListener(directory.new Changes(), true);
    directory.map.forEach((key, value) -> directory.cached.put(key, Node.decode(value)));
    Node self = new Node(id, hostname, port, hazelcast.getCluster().getLocalMember().getUuid());
    directory.map.put(id, self.encode());
    directory.cached.put(id, self);
    return directory;
  }

  /** The nodes whose member is in the cluster, by id. */
  public List<Leadership.MasterNode> current() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return List.of();
    }
    Set<UUID> members = hazelcast.getCluster().getMembers().stream().map(Member::getUuid)
        .collect(Collectors.toSet());
    return cached.values().stream().filter(n -> members.contains(n.member()))
        .sorted(Comparator.comparing(Node::id))
        .map(n -> new Leadership.MasterNode(n.id(), n.hostname(), n.port())).toList();
  }

  private final class Changes implements EntryAddedListener<String, String>,
      EntryUpdatedListener<String, String>, EntryRemovedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      cached.put(event.getKey(), Node.decode(event.getValue()));
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      cached.put(event.getKey(), Node.decode(event.getValue()));
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      cached.remove(event.getKey());
    }
  }

  /** Removes a departed member's entries; every survivor does it, the removal is idempotent. */
  private final class Departures implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      // A joining node publishes itself.
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      UUID gone = event.getMember().getUuid();
      cached.values().stream().filter(n -> n.member().equals(gone)).map(Node::id).toList()
          .forEach(id -> {
            cached.remove(id);
            // Async: a listener must not block Hazelcast's event thread.
            map.removeAsync(id);
          });
    }
  }
}
