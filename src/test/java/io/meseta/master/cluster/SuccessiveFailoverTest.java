package io.meseta.master.cluster;

import static io.meseta.master.cluster.TestMembers.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover after failover on three nodes: the killed leader's node restarts (a new member on its
 * port, as a restarted process would be) and joins the CP subsystem in place of the member it
 * was, so the CP groups keep their majority and the next kill of a leader still elects one.
 */
class SuccessiveFailoverTest {
  private TestMembers cluster;
  private Vertx vertx;
  private final List<LeaderElection> elections = new ArrayList<>();

  @AfterEach
  void stopAll() {
    TestMembers.stopAll(elections, cluster, vertx);
  }

  @Test
  void aRestartedNodeRejoinsTheCpGroupsSoASecondFailoverStillElects() throws Exception {
    Config config = TestMembers.config();
    // The shipped 5 s auto-removal would only make this test slower; the mechanism is the same.
    // (Hazelcast wants the session TTL no longer than the auto-removal.)
    config.getCPSubsystemConfig().setSessionTimeToLiveSeconds(3)
        .setMissingCPMemberAutoRemovalSeconds(3);
    cluster = TestMembers.start(3, config);
    vertx = Vertx.vertx();
    cluster.members.forEach(this::elect);

    long firstEpoch = 0;
    for (int failover = 1; failover <= 2; failover++) {
      await("a leader", Duration.ofSeconds(20), () -> leader().isPresent());
      int leader = leader().orElseThrow();
      long epoch = elections.get(leader).epoch().orElseThrow();
      assertThat(epoch).isGreaterThan(firstEpoch);
      firstEpoch = epoch;

      long killedAt = System.nanoTime();
      cluster.members.get(leader).getLifecycleService().terminate();
      await("a new leader", Duration.ofSeconds(20),
          () -> leader().filter(i -> i != leader).isPresent());
      System.out.printf("failover %d: new leader after %d ms%n",
          failover, (System.nanoTime() - killedAt) / 1_000_000);

      elect(cluster.add());
      await("every live node is seated in the CP groups", Duration.ofSeconds(30),
          () -> IntStream.range(0, elections.size())
              .filter(i -> cluster.members.get(i).getLifecycleService().isRunning())
              .allMatch(i -> elections.get(i).isCpMember()));
      System.out.printf("failover %d: restarted node seated in the CP groups after %d ms%n",
          failover, (System.nanoTime() - killedAt) / 1_000_000);
    }
    await("a leader after two failovers", Duration.ofSeconds(20), () -> leader().isPresent());
    assertThat(elections.get(leader().orElseThrow()).epoch().orElseThrow())
        .isGreaterThan(firstEpoch);
  }

  private void elect(HazelcastInstance member) {
    int index = elections.size();
    elections.add(LeaderElection.start(member, vertx.getOrCreateContext(), "node-" + index,
        "host-" + index, 5050 + index, TestMembers.recording(new CopyOnWriteArrayList<>()),
        LeaderElection.Timing.from(cluster.config)));
  }

  private Optional<Integer> leader() {
    for (int i = 0; i < elections.size(); i++) {
      if (elections.get(i).leaseValid()) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
