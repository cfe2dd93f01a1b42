package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every invalid call over the framework WebSocket gets a clear error and changes nothing that
 * {@code /master/state} shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir
  static Path work;
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(1, "cpus:2;mem:1024;ports:[31000-31010]", work);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void malformedJsonIsRejectedAndNothingChanges() throws Exception {
    try (RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send("{not json");
      assertThat(errorOf(raw.next(WAIT))).contains("Failed to parse scheduler Call");
      raw.send("{\"type\":\"ACCEPT\"}");
      assertThat(errorOf(raw.next(WAIT))).contains("send SUBSCRIBE first");
    }
    assertThat(cluster.state().getJsonArray("frameworks")).isEmpty();
  }

  @Test
  void subscribeWithoutUserIsRejectedAndTheStreamClosed() throws Exception {
    try (RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"x\"}}}");
      assertThat(errorOf(raw.next(WAIT))).contains("missing required field").contains("user");
      // A call that does not parse is refused like any other; a SUBSCRIBE that parses but is
      // invalid ends the stream, as in Mesos.
      raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":"
          + "{\"user\":\" \",\"name\":\"x\"}}}");
      assertThat(errorOf(raw.next(WAIT))).contains("'framework_info.user' must be set");
      Awaits.until("socket closed", WAIT, raw::isClosed);
    }
    assertThat(cluster.state().getJsonArray("frameworks")).isEmpty();
  }

  @Test
  void invalidCallsOfASubscribedFrameworkGetErrorsAndLaunchNothing() throws Exception {
    try (RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port());
        RawScheduler other = new RawScheduler(cluster.vertx, cluster.master.port())) {
      String fw = subscribe(raw, "bad-input");
      String otherFw = subscribe(other, "other");
      Event offers = raw.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS);
      String offer = offers.getOffers().getOffers(0).getId().getValue();
      String agent = offers.getOffers().getOffers(0).getAgentId().getValue();

      raw.send("{\"type\":\"NO_SUCH_CALL\",\"framework_id\":{\"value\":\"" + fw + "\"}}");
      assertThat(errorOf(raw.next(WAIT))).contains("Unknown call type");

      raw.send("{\"type\":\"REVIVE\",\"framework_id\":{\"value\":\"someone-else\"}}");
      assertThat(errorOf(raw.next(WAIT))).contains("must be " + fw);

      raw.send(accept(fw, "no-such-offer", task("t-unknown-offer", agent, "0.1", "32")));
      assertThat(updateOrError(raw, "t-unknown-offer", TaskState.TASK_LOST).getReason())
          .isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);

      other.send(accept(otherFw, offer, task("t-stolen", agent, "0.1", "32")));
      assertThat(updateOrError(other, "t-stolen", TaskState.TASK_LOST).getMessage())
          .contains("offer");
      // DRF would now favour the thief (share 0, fewer offers so far); it steps aside.
      other.send("{\"type\":\"SUPPRESS\",\"framework_id\":{\"value\":\"" + otherFw + "\"}}");

      // The thief's attempt consumed nothing: the offer is still ours to use.
      raw.send(accept(fw, offer, task("t-too-big", agent, "64", "32")));
      TaskStatus tooBig = updateOrError(raw, "t-too-big", TaskState.TASK_ERROR);
      assertThat(tooBig.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
      assertThat(tooBig.getMessage()).contains("more resources");

      raw.send(accept(fw, nextOffer(raw), task("t-negative", agent, "-1", "32")));
      assertThat(updateOrError(raw, "t-negative", TaskState.TASK_ERROR).getMessage())
          .contains("Invalid resources");

      raw.send(accept(fw, nextOffer(raw), task("t-infinite", agent, "\"Infinity\"", "32")));
      assertThat(updateOrError(raw, "t-infinite", TaskState.TASK_ERROR).getMessage())
          .contains("Invalid resources");

      raw.send(accept(fw, nextOffer(raw),
          task("t-dup", agent, "0.1", "32") + "," + task("t-dup", agent, "0.1", "32")));
      assertThat(updateOrError(raw, "t-dup", TaskState.TASK_ERROR).getMessage())
          .contains("duplicate ID");

      JsonObject state = cluster.state();
      JsonArray frameworks = state.getJsonArray("frameworks");
      JsonObject ours = frameworks.stream().map(JsonObject.class::cast)
          .filter(f -> f.getString("id").equals(fw)).findFirst().orElseThrow();
      // Only the first t-dup was valid; every other task was refused.
      assertThat(ours.getJsonArray("tasks").stream().map(t -> ((JsonObject) t).getString("id")))
          .containsExactly("t-dup");
      // The unused part of the accepted offer goes back right after the launch; wait for it.
      Awaits.until("only t-dup's 0.1 cpus in use", WAIT, () -> cluster.state()
          .getJsonArray("slaves").getJsonObject(0).getJsonObject("used_resources")
          .getDouble("cpus") == 0.1);
    }
  }

  private static String subscribe(RawScheduler raw, String name) throws Exception {
    raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"test\","
        + "\"name\":\"" + name + "\"}}}");
    Event subscribed = raw.next(WAIT);
    assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
    return subscribed.getSubscribed().getFrameworkId().getValue();
  }

  private static String nextOffer(RawScheduler raw) throws InterruptedException {
    return raw.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS)
        .getOffers().getOffers(0).getId().getValue();
  }

  /** Waits for the task's UPDATE (skipping the ERROR event that may come with it). */
  private static TaskStatus updateOrError(RawScheduler raw, String task, TaskState state)
      throws InterruptedException {
    Event update = raw.nextMatching(WAIT, e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(task));
    TaskStatus status = update.getUpdate().getStatus();
    assertThat(status.getState()).isEqualTo(state);
    assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
    assertThat(status.hasUuid()).as("master-generated updates carry no uuid").isFalse();
    return status;
  }

  private static String accept(String fw, String offer, String tasks) {
    return "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"" + fw + "\"},\"accept\":{"
        + "\"offer_ids\":[{\"value\":\"" + offer + "\"}],"
        + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[" + tasks + "]}}],"
        + "\"filters\":{\"refuse_seconds\":0}}}";
  }

  private static String task(String id, String agent, String cpus, String mem) {
    return "{\"name\":\"" + id + "\",\"task_id\":{\"value\":\"" + id + "\"},"
        + "\"agent_id\":{\"value\":\"" + agent + "\"},"
        + "\"command\":{\"value\":\"sleep 30\"},"
        + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + cpus
        + "}},{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + mem + "}}]}";
  }

  private static String errorOf(Event event) {
    assertThat(event.getType()).as("event type of %s", event).isEqualTo(Event.Type.ERROR);
    return event.getError().getMessage();
  }
}
