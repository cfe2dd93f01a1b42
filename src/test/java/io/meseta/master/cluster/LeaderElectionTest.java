package io.meseta.master.cluster;

import static io.meseta.master.cluster.TestMembers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.meseta.gateway.scheduler.Leadership;
import io.meseta.master.state.StateStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real Hazelcast members (CP member count 3) in this JVM, one election and one store on
 * each. The tests run in order on one cluster: the last one kills the leader.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionTest {
  private static TestMembers cluster;
  private static Vertx vertx;
  private static final List<LeaderElection> elections = new ArrayList<>();
  private static final List<List<String>> events = new ArrayList<>();
  private static final List<HazelcastStateStore> stores = new ArrayList<>();

  @BeforeAll
  static void startThreeNodes() throws Exception {
    long start = System.nanoTime();
    cluster = TestMembers.start(3);
    System.out.printf("3 members with CP subsystem up in %d ms%n", millisSince(start));
    vertx = Vertx.vertx();
    LeaderElection.Timing timing = LeaderElection.Timing.from(cluster.config);
    for (int i = 0; i < 3; i++) {
      HazelcastInstance member = cluster.members.get(i);
      List<String> log = new CopyOnWriteArrayList<>();
      events.add(log);
      LeaderElection election = LeaderElection.start(member, vertx.getOrCreateContext(),
          "node-" + i, "host-" + i, 5050 + i, TestMembers.recording(log), timing);
      elections.add(election);
      stores.add(new HazelcastStateStore(vertx, member, election::leaseValid));
    }
  }

  @AfterAll
  static void stopAll() {
    TestMembers.stopAll(elections, cluster, vertx);
  }

  @Test
  @Order(1)
  void exactlyOneNodeLeadsAndEveryNodeNamesIt() throws Exception {
    await("a leader is elected", Duration.ofSeconds(20), () -> leaders().size() == 1);
    int leader = leaders().get(0);
    long epoch = elections.get(leader).epoch().orElseThrow();
    assertThat(events.get(leader)).containsExactly("elected " + epoch);
    await("every node knows the leader", Duration.ofSeconds(5), () -> IntStream.range(0, 3)
        .allMatch(i -> elections.get(i).currentLeader().isPresent()));
    for (int i = 0; i < 3; i++) {
      LeaderAddress named = elections.get(i).currentLeader().orElseThrow();
      assertThat(named.nodeId()).isEqualTo("node-" + leader);
      assertThat(named.epoch()).isEqualTo(epoch);
      Leadership.Status status = elections.get(i).status(true);
      assertThat(status).isEqualTo(i == leader
          ? Leadership.Status.LEADING : new Leadership.Following("host-" + leader, 5050 + leader));
    }
    assertThat(elections.get(leader).status(false)).isEqualTo(new Leadership.Recovering());
    // Still exactly one after several confirmation rounds.
    Thread.sleep(700);
    assertThat(leaders()).containsExactly(leader);
  }

  @Test
  @Order(2)
  void theLeadersBatchIsVisibleFromAnotherMember() {
    int leader = leaders().get(0);
    long epoch = elections.get(leader).epoch().orElseThrow();
    HazelcastStateStore store = stores.get(leader);
    store.claim(epoch).await();
    Map<String, JsonObject> batch = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      batch.put("task-" + i, new JsonObject().put("state", "TASK_RUNNING").put("n", i));
    }
    long start = System.nanoTime();
    store.write(StateStore.TASKS, epoch, batch, List.of()).await();
    store.write(StateStore.TASKS, epoch, Map.of("task-200", new JsonObject()),
        List.of("task-0", "task-1")).await();
    System.out.printf("two batches (200 puts; 1 put + 2 removes) written in %d ms%n",
        millisSince(start));

    Map<String, JsonObject> seen = stores.get((leader + 1) % 3).entries(StateStore.TASKS).await();
    assertThat(seen).hasSize(199).containsKey("task-200").doesNotContainKeys("task-0", "task-1");
    assertThat(seen.get("task-7"))
        .isEqualTo(new JsonObject().put("state", "TASK_RUNNING").put("n", 7));
    assertThat(stores.get(leader).newestEpoch().await()).isEqualTo(epoch);
  }

  @Test
  @Order(3)
  void aWriterWithoutLeaseOrWithAnOlderEpochWritesNothing() {
    int leader = leaders().get(0);
    long epoch = elections.get(leader).epoch().orElseThrow();
    HazelcastInstance member = cluster.members.get(leader);
    var lapsed = new HazelcastStateStore(vertx, member, () -> false)
        .put(StateStore.TASKS, epoch, "task-7", new JsonObject().put("state", "LAPSED"));
    assertThatThrownBy(lapsed::await)
        .isInstanceOf(HazelcastStateStore.StaleLeaseException.class)
        .hasMessageContaining("leader lease has lapsed");
    var older = stores.get(leader).claim(epoch - 1);
    assertThatThrownBy(older::await).isInstanceOf(StateStore.StaleEpochException.class);
    Map<String, JsonObject> after = stores.get(leader).entries(StateStore.TASKS).await();
    assertThat(after.get("task-7").getString("state")).isEqualTo("TASK_RUNNING");
  }

  @Test
  @Order(4)
  void killingTheLeaderElectsAnotherWithAHigherEpochAndFencesTheOldOne() throws Exception {
    int old = leaders().get(0);
    long oldEpoch = elections.get(old).epoch().orElseThrow();
    assertThat(elections.get(old).leaseValid()).isTrue();

    long killedAt = System.nanoTime();
    cluster.members.get(old).getLifecycleService().terminate();

    await("the killed leader's lease lapses", Duration.ofSeconds(5),
        () -> !elections.get(old).leaseValid());
    long leaseLapsedMs = millisSince(killedAt);
    await("another node is elected", Duration.ofSeconds(20),
        () -> leaders().stream().anyMatch(i -> i != old));
    long electedMs = millisSince(killedAt);
    int next = leaders().stream().filter(i -> i != old).findFirst().orElseThrow();
    long newEpoch = elections.get(next).epoch().orElseThrow();
    System.out.printf("leader killed: lease lapsed after %d ms, node-%d elected after %d ms"
        + " (epoch %d -> %d)%n", leaseLapsedMs, next, electedMs, oldEpoch, newEpoch);
    assertThat(newEpoch).isGreaterThan(oldEpoch);
    await("the old leader is told", Duration.ofSeconds(5),
        () -> events.get(old).contains("deposed"));

    HazelcastStateStore newStore = stores.get(next);
    newStore.claim(newEpoch).await();
    int survivor = 3 - old - next;
    HazelcastStateStore unguarded =
        new HazelcastStateStore(vertx, cluster.members.get(survivor), () -> true);
    var stale = unguarded.write(StateStore.TASKS, oldEpoch,
        Map.of("task-3", new JsonObject().put("state", "STALE"), "late", new JsonObject()),
        List.of("task-4"));
    assertThatThrownBy(stale::await).isInstanceOf(StateStore.StaleEpochException.class)
        .hasMessageContaining("epoch " + newEpoch + " has written since");
    Map<String, JsonObject> after = newStore.entries(StateStore.TASKS).await();
    assertThat(after.get("task-3").getString("state")).isEqualTo("TASK_RUNNING");
    assertThat(after).containsKey("task-4").doesNotContainKey("late");
  }

  private static List<Integer> leaders() {
    return IntStream.range(0, elections.size())
        .filter(i -> elections.get(i).leaseValid()).boxed().toList();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
