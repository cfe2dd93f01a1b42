package io.meseta.master.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real Hazelcast members in this JVM, configured from {@code conf/hazelcast.yaml} as shipped but
 * on a random cluster name and free ports on 127.0.0.1, so tests never join another cluster.
 */
final class TestMembers implements AutoCloseable {
  static final Path SHIPPED_CONFIG = Path.of("conf/hazelcast.yaml");

  final Config config;
  final List<HazelcastInstance> members = new ArrayList<>();

  private TestMembers(Config config) {
    this.config = config;
  }

  /** Starts {@code count} members together and waits until the CP subsystem is up. */
  static TestMembers start(int count) throws Exception {
    return start(count, config());
  }

  static TestMembers start(int count, Config config) throws Exception {
    TestMembers cluster = new TestMembers(config);
    List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        starting.add(CompletableFuture.supplyAsync(
            () -> Hazelcast.newHazelcastInstance(cluster.config)));
      }
      for (CompletableFuture<HazelcastInstance> member : starting) {
        cluster.members.add(member.get(60, TimeUnit.SECONDS));
      }
      if (cluster.config.getCPSubsystemConfig().getCPMemberCount() > 0) {
        for (HazelcastInstance member : cluster.members) {
          member.getCPSubsystem().getCPSubsystemManagementService()
              .awaitUntilDiscoveryCompleted(60, TimeUnit.SECONDS);
        }
      }
      return cluster;
    } catch (Exception | Error e) {
      // Also the members that start after the failure: none may outlive the test.
      starting.forEach(member -> member.thenAccept(m -> m.getLifecycleService().terminate()));
      cluster.close();
      throw e;
    }
  }

  /** Starts one more member on the same config (a restarted node takes a freed port). */
  HazelcastInstance add() {
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    members.add(member);
    return member;
  }

  /** The shipped config on a random cluster name and free ports. */
  static Config config() throws IOException {
    return config("meseta-test-" + UUID.randomUUID(), freePorts(3));
  }

  /** The shipped config on this cluster name and first port (one Config per member). */
  static Config config(String clusterName, int firstPort) {
    Config config = ClusterSettings.load(SHIPPED_CONFIG, clusterName, firstPort);
    // A test starts its members together on loopback: no need to wait long for more members.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.getNetworkConfig().getJoin().getTcpIpConfig().setConnectionTimeoutSeconds(1);
    return config;
  }

  /** The first of {@code count} consecutive ports free on 127.0.0.1. */
  static int freePorts(int count) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      boolean free = true;
      for (int port = first; port < first + count && free; port++) {
        try (ServerSocket socket = new ServerSocket(port, 1, loopback)) {
          socket.setReuseAddress(true);
        } catch (IOException busy) {
          free = false;
        }
      }
      if (free) {
        return first;
      }
    }
    throw new IOException("no " + count + " consecutive free ports found on 127.0.0.1");
  }

  /** A listener that logs "elected EPOCH" and "deposed" into {@code log}. */
  static LeaderElection.Listener recording(List<String> log) {
    return new LeaderElection.Listener() {
      @Override
      public void onElected(long epoch) {
        log.add("elected " + epoch);
      }

      @Override
      public void onDeposed() {
        log.add("deposed");
      }
    };
  }

  /** Ends a test's elections, then its members, then its Vert.x; any of them may be null. */
  static void stopAll(List<LeaderElection> elections, TestMembers cluster, Vertx vertx) {
    elections.forEach(LeaderElection::close);
    if (cluster != null) {
      cluster.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit + " waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    for (HazelcastInstance member : members) {
      if (member.getLifecycleService().isRunning()) {
        member.getLifecycleService().terminate();
      }
    }
  }
}
