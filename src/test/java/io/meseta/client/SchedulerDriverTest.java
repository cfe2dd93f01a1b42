package io.meseta.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SchedulerDriverTest {
  private static final FrameworkInfo FRAMEWORK =
      FrameworkInfo.newBuilder().setUser("test").setName("driver-test").build();

  /** Fast reconnects and a short liveness window keep the tests quick. */
  private static final DriverOptions FAST =
      DriverOptions.defaults().withMaxBackoff(Duration.ofMillis(50)).withStartAttempts(2);

  private final RecordingScheduler scheduler = new RecordingScheduler();
  private final List<SchedulerDriver> drivers = new ArrayList<>();

  /** Stops drivers before Vert.x closes the scripted masters, so none starts reconnecting. */
  @AfterEach
  void stopDrivers() {
    drivers.forEach(d -> d.stop().await());
  }

  @Test
  void subscribesAsANewFrameworkAndReportsSubscribed(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.subscribing(vertx);
    SchedulerDriver driver = driver(vertx, FAST, master);

    FrameworkID id = driver.start().await(5, TimeUnit.SECONDS);

    Call subscribe = master.nextCall();
    assertThat(subscribe.getType()).isEqualTo(Call.Type.SUBSCRIBE);
    assertThat(subscribe.hasFrameworkId()).isFalse();
    assertThat(subscribe.getSubscribe().getFrameworkInfo()).isEqualTo(FRAMEWORK);
    assertThat(id.getValue()).isEqualTo(ScriptedMaster.FRAMEWORK_ID);
    assertThat(scheduler.next()).isEqualTo("subscribed M-0000 master master-1");
    assertThat(driver.frameworkId()).contains(id);
  }

  @Test
  void offersReachTheSchedulerAndLaunchSendsANestedAccept(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.subscribing(vertx);
    SchedulerDriver driver = driver(vertx, FAST, master);
    TaskInfo task = TaskInfo.newBuilder()
        .setName("t1")
        .setTaskId(TaskID.newBuilder().setValue("t1"))
        .setAgentId(AgentID.newBuilder().setValue("S1"))
        .setCommand(CommandInfo.newBuilder().setValue("sleep 1"))
        .build();
    scheduler.onOffers = (d, offers) -> d.launch(offers.get(0).getId(), List.of(task));
    driver.start().await(5, TimeUnit.SECONDS);
    master.nextFrame();

    master.send(offers("O1"));

    assertThat(scheduler.next()).startsWith("subscribed");
    assertThat(scheduler.next()).isEqualTo("offers [O1]");
    assertThat(master.nextFrame()).isEqualTo(
        "{\"framework_id\":{\"value\":\"M-0000\"},\"type\":\"ACCEPT\",\"accept\":{"
            + "\"offer_ids\":[{\"value\":\"O1\"}],"
            + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[{\"name\":\"t1\","
            + "\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"S1\"},"
            + "\"command\":{\"value\":\"sleep 1\"}}]}}]}}");
  }

  @Test
  void updatesWithAUuidAreAcknowledgedAfterTheCallbackAndOthersAreNot(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.subscribing(vertx);
    SchedulerDriver driver = driver(vertx, FAST, master);
    driver.start().await(5, TimeUnit.SECONDS);
    master.nextCall();
    ByteString uuid = ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    master.send(update(status("t1", TaskState.TASK_RUNNING, null)));
    master.send(update(status("t2", TaskState.TASK_FINISHED, uuid)));

    assertThat(scheduler.next()).startsWith("subscribed");
    assertThat(scheduler.next()).isEqualTo("update t1 TASK_RUNNING");
    assertThat(scheduler.next()).isEqualTo("update t2 TASK_FINISHED");
    // Calls on one socket arrive in order: an ACK for t1 would come first.
    Call ack = master.nextCall();
    assertThat(ack.getType()).isEqualTo(Call.Type.ACKNOWLEDGE);
    assertThat(ack.getFrameworkId().getValue()).isEqualTo("M-0000");
    assertThat(ack.getAcknowledge().getTaskId().getValue()).isEqualTo("t2");
    assertThat(ack.getAcknowledge().getAgentId().getValue()).isEqualTo("S1");
    assertThat(ack.getAcknowledge().getUuid()).isEqualTo(uuid);
    assertThat(master.calls.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aLostConnectionIsReportedThenReSubscribedWithTheSameFrameworkIdAtTheNextMaster(Vertx vertx)
      throws Exception {
    ScriptedMaster first = ScriptedMaster.subscribing(vertx);
    ScriptedMaster second = ScriptedMaster.subscribing(vertx);
    SchedulerDriver driver = track(new SchedulerDriver(
        vertx, scheduler, FRAMEWORK, List.of(first.address(), second.address()), FAST));
    driver.start().await(5, TimeUnit.SECONDS);
    first.nextCall();
    assertThat(scheduler.next()).startsWith("subscribed");

    first.closeSocket();

    assertThat(scheduler.next()).isEqualTo("disconnected");
    Call resubscribe = second.nextCall();
    assertThat(resubscribe.getType()).isEqualTo(Call.Type.SUBSCRIBE);
    assertThat(resubscribe.getFrameworkId().getValue()).isEqualTo("M-0000");
    assertThat(resubscribe.getSubscribe().getFrameworkInfo().getId().getValue()).isEqualTo("M-0000");
    assertThat(scheduler.next()).isEqualTo("subscribed M-0000 master master-1");
  }

  @Test
  void anErrorInsteadOfSubscribedFailsStartAndTheDriverDoesNotRetry(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.scripted(vertx, (m, call) -> {
      m.send(Event.newBuilder()
          .setType(Event.Type.ERROR)
          .setError(Event.Error.newBuilder().setMessage("Framework 'x' is not authorized"))
          .build());
      m.closeSocket();
    });
    SchedulerDriver driver = driver(vertx, FAST, master);

    assertThatThrownBy(() -> driver.start().await(5, TimeUnit.SECONDS))
        .hasMessageContaining("master refused the subscription: Framework 'x' is not authorized");
    assertThat(scheduler.next()).isEqualTo("error Framework 'x' is not authorized");
    master.nextCall();
    assertThat(master.calls.poll(300, TimeUnit.MILLISECONDS)).as("no second SUBSCRIBE").isNull();
  }

  @Test
  void silenceBeyondTheHeartbeatTimeoutCountsAsALostConnection(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.subscribing(vertx);
    SchedulerDriver driver = driver(vertx, FAST.withHeartbeatTimeout(Duration.ofMillis(300)), master);
    driver.start().await(5, TimeUnit.SECONDS);
    master.nextCall();

    assertThat(scheduler.next()).startsWith("subscribed");
    assertThat(scheduler.next()).isEqualTo("disconnected");
    assertThat(master.nextCall().getFrameworkId().getValue()).isEqualTo("M-0000");
  }

  @Test
  void callsMadeWhileNotSubscribedAreDropped(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.subscribing(vertx);
    SchedulerDriver driver = driver(vertx, FAST, master);

    driver.revive();
    driver.start().await(5, TimeUnit.SECONDS);
    driver.stop().await(5, TimeUnit.SECONDS);
    driver.kill(TaskID.newBuilder().setValue("t1").build(), null);

    assertThat(master.nextCall().getType()).isEqualTo(Call.Type.SUBSCRIBE);
    assertThat(master.calls.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void stopClosesWithoutTeardownAndTeardownSendsIt(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.subscribing(vertx);
    SchedulerDriver stopped = driver(vertx, FAST, master);
    stopped.start().await(5, TimeUnit.SECONDS);
    stopped.stop().await(5, TimeUnit.SECONDS);
    SchedulerDriver tornDown = driver(vertx, FAST, master);
    tornDown.start().await(5, TimeUnit.SECONDS);

    tornDown.teardown().await(5, TimeUnit.SECONDS);

    assertThat(master.nextCall().getType()).isEqualTo(Call.Type.SUBSCRIBE);
    assertThat(master.nextCall().getType()).isEqualTo(Call.Type.SUBSCRIBE);
    assertThat(master.nextFrame()).isNotNull();
    assertThat(master.nextFrame()).isNotNull();
    assertThat(master.nextFrame()).isEqualTo("{\"framework_id\":{\"value\":\"M-0000\"},\"type\":\"TEARDOWN\"}");
  }

  @Test
  void aFailingOverFrameworkSubscribesWithItsIdInBothPlaces(Vertx vertx) throws Exception {
    ScriptedMaster master = ScriptedMaster.subscribing(vertx);
    FrameworkInfo known = FRAMEWORK.toBuilder().setId(FrameworkID.newBuilder().setValue("F-7")).build();
    SchedulerDriver driver =
        track(new SchedulerDriver(vertx, scheduler, known, List.of(master.address()), FAST));

    assertThat(driver.start().await(5, TimeUnit.SECONDS).getValue()).isEqualTo("F-7");
    Call subscribe = master.nextCall();
    assertThat(subscribe.getFrameworkId().getValue()).isEqualTo("F-7");
    assertThat(subscribe.getSubscribe().getFrameworkInfo().getId().getValue()).isEqualTo("F-7");
  }

  @Test
  void startFailsAfterTheConfiguredAttemptsWhenNoMasterListens(Vertx vertx) {
    SchedulerDriver driver =
        track(new SchedulerDriver(vertx, scheduler, FRAMEWORK, List.of("127.0.0.1:1"), FAST));

    assertThatThrownBy(() -> driver.start().await(10, TimeUnit.SECONDS))
        .hasMessageContaining("could not subscribe to any of [127.0.0.1:1] after 2 attempts");
  }

  private SchedulerDriver driver(Vertx vertx, DriverOptions options, ScriptedMaster master) {
    return track(new SchedulerDriver(vertx, scheduler, FRAMEWORK, List.of(master.address()), options));
  }

  private SchedulerDriver track(SchedulerDriver driver) {
    drivers.add(driver);
    return driver;
  }

  private static Event offers(String offerId) {
    Offer offer = Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue(offerId))
        .setFrameworkId(FrameworkID.newBuilder().setValue("M-0000"))
        .setAgentId(AgentID.newBuilder().setValue("S1"))
        .setHostname("agent1")
        .build();
    return Event.newBuilder()
        .setType(Event.Type.OFFERS)
        .setOffers(Event.Offers.newBuilder().addOffers(offer))
        .build();
  }

  private static TaskStatus status(String taskId, TaskState state, ByteString uuid) {
    TaskStatus.Builder status = TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(taskId))
        .setState(state)
        .setAgentId(AgentID.newBuilder().setValue("S1"));
    if (uuid != null) {
      status.setUuid(uuid);
    }
    return status.build();
  }

  private static Event update(TaskStatus status) {
    return Event.newBuilder()
        .setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(status))
        .build();
  }
}
