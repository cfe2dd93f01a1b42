package io.meseta.loadtest.failover;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentVerticle;
import io.meseta.e2e.Awaits;
import io.meseta.e2e.ForkedMaster;
import io.meseta.e2e.MasterCluster;
import io.meseta.e2e.TestFramework;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One run of issue 5's scenario 1, as {@code ClusterFailoverTest.killingTheLeaderMidLaunch...}
 * does it: a fresh cluster of three forked masters, two in-JVM agents and the framework connected
 * to the followers first, a long task, a short task ({@code sleep 0.3}) queued every 100 ms, then
 * {@code kill -9} of the leader once more than ten short tasks were heard of. The run keeps
 * launching for 3 s after the new leader serves, then waits (reconciling every second, as a
 * framework does after a failover) until every queued task has ended, and counts.
 */
final class FailoverRun {
  private static final Duration END_LIMIT = Duration.ofSeconds(90);

  private final int run;
  private final Path dir;

  FailoverRun(int run, Path dir) {
    this.run = run;
    this.dir = dir;
  }

  RunResult execute() throws Exception {
    Vertx clients = Vertx.vertx();
    try (MasterCluster cluster = MasterCluster.start(dir)) {
      return measure(cluster, clients);
    } finally {
      await(clients.close());
    }
  }

  private RunResult measure(MasterCluster cluster, Vertx clients) throws Exception {
    ForkedMaster leader = cluster.awaitLeader(Duration.ofSeconds(60));
    List<String> order = new ArrayList<>(cluster.addresses());
    order.remove(leader.address());
    for (int i = 0; i < 2; i++) {
      List<String> agentOrder = new ArrayList<>(order);
      Collections.rotate(agentOrder, i);
      agentOrder.add(leader.address());
      await(AgentVerticle.deploy(clients, AgentConfig.builder(agentOrder, dir.resolve("agent-" + i))
          .hostname("127.0.0.1").bindHost("127.0.0.1").port(0).resources("cpus:4;mem:4096")
          .statusRetry(Duration.ofMillis(500), Duration.ofSeconds(2))
          .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500)).build()));
    }
    order.add(leader.address());
    SuccessorOffers offers = new SuccessorOffers();
    try (TestFramework framework = new TestFramework(clients, order,
        TestFramework.info("failover-" + run, 120, false))) {
      framework.offerWatch = offers;
      framework.start();
      framework.submit("long", "sleep 120");
      Awaits.until("the long task to run", Duration.ofSeconds(30),
          () -> framework.saw("long", TaskState.TASK_RUNNING));
      AtomicInteger submitted = new AtomicInteger();
      ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
      feeder.scheduleAtFixedRate(() -> framework.submit("t" + submitted.getAndIncrement(),
          "sleep 0.3"), 0, 100, TimeUnit.MILLISECONDS);
      long serveMillis;
      long offerMillis;
      ForkedMaster next;
      try {
        Awaits.until("short tasks running before the kill", Duration.ofSeconds(30),
            () -> framework.updates.keySet().stream().filter(id -> id.startsWith("t")).count() > 10);
        offers.leaderGone();
        long killedAt = System.nanoTime();
        leader.kill();
        serveMillis = untilServing(cluster, leader, killedAt);
        next = cluster.awaitLeader(Duration.ofSeconds(30));
        Awaits.until("an offer from the new leader", Duration.ofSeconds(30),
            () -> offers.firstOfferNanos() != 0);
        offerMillis = (offers.firstOfferNanos() - killedAt) / 1_000_000;
        Thread.sleep(3_000);
      } finally {
        feeder.shutdownNow();
      }
      int total = submitted.get();
      String problem = awaitEnds(framework, total);
      return count(framework, total, serveMillis, offerMillis, leader, next, problem);
    }
  }

  /** Polls the surviving nodes' scheduler endpoints until one judges a call (400). */
  private static long untilServing(MasterCluster cluster, ForkedMaster killed, long killedAt)
      throws Exception {
    long[] servedAt = {0};
    Awaits.until("a surviving node to serve", Duration.ofSeconds(30), () -> {
      Optional<ForkedMaster> serving = cluster.nodes().stream()
          .filter(n -> n != killed && n.alive()).filter(ForkedMaster::serving).findFirst();
      serving.ifPresent(n -> servedAt[0] = System.nanoTime());
      return serving.isPresent();
    });
    return (servedAt[0] - killedAt) / 1_000_000;
  }

  /** Empty when every task ended within the limit, else what was still open. */
  private static String awaitEnds(TestFramework framework, int total) throws Exception {
    long deadline = System.nanoTime() + END_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (open(framework, total).isEmpty()) {
        return "";
      }
      framework.reconcileUnfinished();
      Thread.sleep(1_000);
    }
    List<String> open = open(framework, total);
    return open.isEmpty() ? "" : "no end heard within " + END_LIMIT.toSeconds() + " s for " + open;
  }

  private static List<String> open(TestFramework framework, int total) {
    List<String> open = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      if (!ended(framework, "t" + i)) {
        open.add("t" + i);
      }
    }
    return open;
  }

  private RunResult count(TestFramework framework, int total, long serveMillis,
      long offerMillis, ForkedMaster old, ForkedMaster next, String problem) {
    int launched = 0;
    int finished = 0;
    int other = 0;
    int duplicated = 0;
    int unfinished = 0;
    List<String> duplicates = new ArrayList<>();
    Map<String, Integer> otherStates = new TreeMap<>();
    for (int i = 0; i < total; i++) {
      String id = "t" + i;
      List<TaskStatus> updates = framework.updates.getOrDefault(id, List.of());
      launched += framework.agentOf.containsKey(id) ? 1 : 0;
      List<TaskState> terminals = updates.stream().map(TaskStatus::getState)
          .filter(TestFramework::terminal).distinct().toList();
      if (terminals.isEmpty()) {
        unfinished++;
      } else if (terminals.get(0) == TaskState.TASK_FINISHED) {
        finished++;
      } else {
        other++;
        TaskStatus end = updates.stream().filter(s -> s.getState() == terminals.get(0))
            .findFirst().orElseThrow();
        otherStates.merge(end.getState() + (end.hasReason() ? " " + end.getReason() : ""), 1,
            Integer::sum);
      }
      long reliableTerminals = updates.stream()
          .filter(s -> s.hasUuid() && TestFramework.terminal(s.getState())).count();
      long runningUuids = updates.stream()
          .filter(s -> s.getState() == TaskState.TASK_RUNNING && s.hasUuid())
          .map(TaskStatus::getUuid).distinct().count();
      if (terminals.size() > 1 || reliableTerminals > 1 || runningUuids > 1) {
        duplicated++;
        duplicates.add(id + ": " + updates.stream().map(FailoverRun::describe).toList());
      }
    }
    boolean longSurvived = !ended(framework, "long");
    return new RunResult(run, serveMillis, offerMillis, old.address(), next.address(), total,
        launched, finished, other, otherStates.toString(), duplicated, duplicates, unfinished,
        longSurvived, problem);
  }

  /** An update as "STATE REASON" with the start of its uuid, or "(no uuid)" for an answer. */
  private static String describe(TaskStatus status) {
    return status.getState() + (status.hasReason() ? " " + status.getReason() : "")
        + (status.hasUuid()
            ? " uuid " + HexFormat.of().formatHex(status.getUuid().toByteArray()).substring(0, 8)
            : " (no uuid)");
  }

  private static boolean ended(TestFramework framework, String taskId) {
    return framework.states(taskId).stream().anyMatch(TestFramework::terminal);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
