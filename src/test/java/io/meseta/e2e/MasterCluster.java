package io.meseta.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Three clustered master nodes in JVMs of their own on 127.0.0.1, in a cluster with a random
 * name and member ports, with fast agent and heartbeat timeouts. {@link #close()} kills them
 * all, whatever state the test left them in.
 */
public final class MasterCluster implements AutoCloseable {
  final List<ForkedMaster> nodes = new ArrayList<>();

  private MasterCluster() {}

  public static MasterCluster start(Path dir) throws Exception {
    Path settings = dir.resolve("meseta.yaml");
    Files.writeString(settings, String.join("\n",
        "master:",
        "  allocation_interval: 200ms",
        "  heartbeat_interval: 1s",
        "  agent_ping_interval: 500ms",
        "  max_missed_pings: 20",
        "  gateway_instances: 1",
        "jobs:",
        "  enabled: false",
        ""));
    String name = "meseta-test-" + UUID.randomUUID();
    int firstMemberPort = freeRange(3);
    MasterCluster cluster = new MasterCluster();
    try {
      for (int i = 0; i < 3; i++) {
        cluster.nodes.add(new ForkedMaster(name, firstMemberPort, freePort(), settings,
            dir.resolve("master-" + i + ".log")));
      }
      cluster.awaitLeader(Duration.ofSeconds(90));
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Every node started, dead or alive, in start order. */
  public List<ForkedMaster> nodes() {
    return List.copyOf(nodes);
  }

  public List<String> addresses() {
    return nodes.stream().map(ForkedMaster::address).toList();
  }

  /** The node that leads and serves, once one does. */
  public ForkedMaster awaitLeader(Duration limit) throws Exception {
    ForkedMaster[] found = new ForkedMaster[1];
    Awaits.until(() -> "a leader that serves among " + addresses() + "; logs: "
        + nodes.stream().map(n -> n.log.toString()).toList(), limit, () -> {
          found[0] = leader().orElse(null);
          return found[0] != null;
        });
    return found[0];
  }

  /** The live node that serves as leader, which every live node names. */
  public Optional<ForkedMaster> leader() {
    for (ForkedMaster node : nodes) {
      if (node.alive() && node.serving()) {
        boolean agreed = nodes.stream().filter(n -> n != node && n.alive())
            .allMatch(n -> n.leaderSeen().map(node.address()::equals).orElse(false));
        if (agreed) {
          return Optional.of(node);
        }
      }
    }
    return Optional.empty();
  }

  public ForkedMaster follower(ForkedMaster leader) {
    return nodes.stream().filter(n -> n != leader && n.alive()).findFirst().orElseThrow();
  }

  /** Kills every node, and keeps their logs under target/cluster-logs for a post-mortem. */
  @Override
  public void close() throws Exception {
    Path kept = Path.of("target", "cluster-logs", "cluster-" + System.currentTimeMillis());
    Files.createDirectories(kept);
    for (ForkedMaster node : nodes) {
      node.close();
      Files.copy(node.log, kept.resolve(node.log.getFileName()));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The first of {@code count} consecutive free ports. */
  private static int freeRange(int count) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (allFree(first, count)) {
        return first;
      }
    }
    throw new IOException("no " + count + " consecutive free ports found");
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
