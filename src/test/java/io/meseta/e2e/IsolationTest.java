package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.protocol.json.MesosJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation between frameworks, whatever the ACLs say (here: none, no authentication): an
 * intruder framework cannot decline a victim's offer, kill, acknowledge, reconcile or message
 * its tasks and executors, nor act under its framework id on either transport. Each attempt is
 * refused (or, as in Mesos, answered in the intruder's own namespace) and the victim's task runs
 * on, with its update still unacknowledged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir
  static Path work;
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(1, "cpus:2;mem:1024", work);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void anotherFrameworksOffersTasksUpdatesAndExecutorsAreOutOfReach() throws Exception {
    try (RawScheduler victim = new RawScheduler(cluster.vertx, cluster.master.port());
        RawScheduler intruder = new RawScheduler(cluster.vertx, cluster.master.port())) {
      String a = subscribe(victim, "victim");
      Event offers = victim.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS);
      String offer = offers.getOffers().getOffers(0).getId().getValue();
      String agent = offers.getOffers().getOffers(0).getAgentId().getValue();
      String b = subscribe(intruder, "intruder");

      intruder.send(call(b, "DECLINE", "\"decline\":{\"offer_ids\":[{\"value\":\"" + offer
          + "\"}]}"));
      assertThat(errorOf(intruder)).contains("Offer " + offer + " was not made to framework " + b)
          .contains("Nothing was declined");

      // The offer is still the victim's: it launches on it.
      victim.send(call(a, "ACCEPT", "\"accept\":{\"offer_ids\":[{\"value\":\"" + offer + "\"}],"
          + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[{\"name\":\"v\","
          + "\"task_id\":{\"value\":\"v-task\"},\"agent_id\":{\"value\":\"" + agent + "\"},"
          + "\"command\":{\"value\":\"sleep 30\"},\"resources\":[{\"name\":\"cpus\",\"type\":"
          + "\"SCALAR\",\"scalar\":{\"value\":0.1}},{\"name\":\"mem\",\"type\":\"SCALAR\","
          + "\"scalar\":{\"value\":32}}]}]}}]}"));
      TaskStatus running = runningUnacknowledged(victim, a);
      String uuid = Base64.getEncoder().encodeToString(running.getUuid().toByteArray());

      // A forged acknowledgement does not count: the agent sends the update again.
      intruder.send(call(b, "ACKNOWLEDGE", "\"acknowledge\":{\"agent_id\":{\"value\":\"" + agent
          + "\"},\"task_id\":{\"value\":\"v-task\"},\"uuid\":\"" + uuid + "\"}"));
      Event retried = victim.nextMatching(WAIT, e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getUuid().equals(running.getUuid()));
      assertThat(retried.getUpdate().getStatus().getState()).isEqualTo(TaskState.TASK_RUNNING);
      victim.send(call(a, "ACKNOWLEDGE", "\"acknowledge\":{\"agent_id\":{\"value\":\"" + agent
          + "\"},\"task_id\":{\"value\":\"v-task\"},\"uuid\":\"" + uuid + "\"}"));

      // Task ids are per framework: the intruder's kill and reconcile name a task it has not.
      intruder.send(call(b, "KILL", "\"kill\":{\"task_id\":{\"value\":\"v-task\"},"
          + "\"agent_id\":{\"value\":\"" + agent + "\"}}"));
      assertThat(updateOf(intruder, "v-task").getState()).isNotEqualTo(TaskState.TASK_RUNNING);
      intruder.send(call(b, "RECONCILE", "\"reconcile\":{\"tasks\":[{\"task_id\":{\"value\":"
          + "\"v-task\"}}]}"));
      assertThat(updateOf(intruder, "v-task").getState()).isNotEqualTo(TaskState.TASK_RUNNING);
      // Implicit reconciliation tells the intruder nothing of the victim's task: the next
      // update it gets is the answer about its own marker.
      intruder.send(call(b, "RECONCILE", "\"reconcile\":{}"));
      intruder.send(call(b, "RECONCILE", "\"reconcile\":{\"tasks\":[{\"task_id\":{\"value\":"
          + "\"marker\"}}]}"));
      Event next = intruder.nextMatching(WAIT, e -> e.getType() == Event.Type.UPDATE);
      assertThat(next.getUpdate().getStatus().getTaskId().getValue()).isEqualTo("marker");

      intruder.send(call(b, "MESSAGE", "\"message\":{\"agent_id\":{\"value\":\"" + agent
          + "\"},\"executor_id\":{\"value\":\"v-task\"},\"data\":\"aGk=\"}"));
      assertThat(errorOf(intruder)).contains("nothing was sent");
      intruder.send(call(b, "SHUTDOWN", "\"shutdown\":{\"agent_id\":{\"value\":\"" + agent
          + "\"},\"executor_id\":{\"value\":\"v-task\"}}"));
      assertThat(errorOf(intruder)).contains("nothing to shut down");

      // Calls under the victim's id on the intruder's own connection are refused.
      intruder.send(call(a, "KILL", "\"kill\":{\"task_id\":{\"value\":\"v-task\"}}"));
      assertThat(errorOf(intruder)).contains("must be " + b);
      intruder.send(call(a, "TEARDOWN", ""));
      assertThat(errorOf(intruder)).contains("must be " + b);

      // After all that, the victim's task still runs, as the master and the agent say.
      victim.send(call(a, "RECONCILE", "\"reconcile\":{\"tasks\":[{\"task_id\":{\"value\":"
          + "\"v-task\"}}]}"));
      assertThat(updateOf(victim, "v-task").getState()).isEqualTo(TaskState.TASK_RUNNING);
      assertThat(cluster.state().getJsonArray("frameworks").stream()
          .map(f -> ((io.vertx.core.json.JsonObject) f))
          .filter(f -> f.getString("id").equals(a))
          .flatMap(f -> f.getJsonArray("tasks").stream())
          .map(t -> ((io.vertx.core.json.JsonObject) t).getString("state")))
          .containsExactly("TASK_RUNNING");
    }
  }

  @Test
  void aMesosHttpStreamActsOnlyForItsOwnFramework() throws Exception {
    try (HttpSchedulerClient victim = new HttpSchedulerClient(cluster.masterAddress(), false);
        HttpSchedulerClient intruder = new HttpSchedulerClient(cluster.masterAddress(), false)) {
      FrameworkID a = victim.subscribe(subscribeCall("http-victim"))
          .getSubscribed().getFrameworkId();
      intruder.subscribe(subscribeCall("http-intruder"));
      // The intruder's own Mesos-Stream-Id with the victim's framework id.
      assertThatThrownBy(() -> intruder.call(Call.newBuilder().setFrameworkId(a)
              .setType(Call.Type.TEARDOWN).build()))
          .hasMessageContaining("TEARDOWN answered 400")
          .hasMessageContaining("didn't match the stream ID currently associated with"
              + " framework ID " + a.getValue());
      // Nothing changed: the victim is still registered and its stream still works.
      victim.call(Call.newBuilder().setFrameworkId(a).setType(Call.Type.REVIVE).build());
      assertThat(cluster.state().getJsonArray("frameworks").encode()).contains(a.getValue());
    }
  }

  private static Call subscribeCall(String name) {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder()
            .setUser("test").setName(name)))
        .build();
  }

  /** Acknowledges every update of v-task before TASK_RUNNING, which it leaves unacknowledged. */
  private static TaskStatus runningUnacknowledged(RawScheduler victim, String framework)
      throws Exception {
    while (true) {
      TaskStatus status = updateOf(victim, "v-task");
      if (status.getState() == TaskState.TASK_RUNNING) {
        return status;
      }
      assertThat(status.getState()).isIn(TaskState.TASK_STAGING, TaskState.TASK_STARTING);
      if (status.hasUuid()) {
        victim.send(call(framework, "ACKNOWLEDGE", "\"acknowledge\":{\"agent_id\":{\"value\":\""
            + status.getAgentId().getValue() + "\"},\"task_id\":{\"value\":\"v-task\"},"
            + "\"uuid\":\"" + Base64.getEncoder().encodeToString(status.getUuid().toByteArray())
            + "\"}"));
      }
    }
  }

  private static String subscribe(RawScheduler raw, String name) throws Exception {
    raw.send(MesosJson.print(subscribeCall(name)));
    Event subscribed = raw.next(WAIT);
    assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
    return subscribed.getSubscribed().getFrameworkId().getValue();
  }

  private static String call(String framework, String type, String body) {
    return "{\"type\":\"" + type + "\",\"framework_id\":{\"value\":\"" + framework + "\"}"
        + (body.isEmpty() ? "" : "," + body) + "}";
  }

  private static TaskStatus updateOf(RawScheduler raw, String task) throws InterruptedException {
    return raw.nextMatching(WAIT, e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(task)).getUpdate().getStatus();
  }

  private static String errorOf(RawScheduler raw) throws InterruptedException {
    return raw.nextMatching(WAIT, e -> e.getType() == Event.Type.ERROR).getError().getMessage();
  }
}
