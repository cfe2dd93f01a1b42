package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One model, two transports: the same framework scenario, written against the published Mesos
 * v1 scheduler API with no SDK, over Mesos HTTP (JSON and protobuf) and the WebSocket, on a real
 * master and agent running real {@code sh -c} tasks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSchedulerScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir
  static Path work;
  private TestCluster cluster;

  enum Transport {
    HTTP_JSON, HTTP_PROTOBUF, WEBSOCKET;

    SchedulerTransport connect(TestCluster cluster) throws Exception {
      return switch (this) {
        case HTTP_JSON -> new HttpSchedulerClient(cluster.masterAddress(), false);
        case HTTP_PROTOBUF -> new HttpSchedulerClient(cluster.masterAddress(), true);
        case WEBSOCKET -> new WebSocketSchedulerClient(cluster.vertx, cluster.master.port());
      };
    }
  }

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(1, "cpus:2;mem:1024;ports:[31000-31010]", work);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Transport.class)
  void runAcknowledgeReconcileFailOverKillAndTearDown(Transport transport) throws Exception {
    FrameworkInfo info = FrameworkInfo.newBuilder().setUser("test")
        .setName("scenario-" + transport).setFailoverTimeout(60).build();
    String done = "done-" + transport + "-\u00e9\u65e5\u672c";
    String sleeper = "sleeper-" + transport;
    FrameworkID framework;
    try (SchedulerTransport first = transport.connect(cluster)) {
      Event subscribed = first.subscribe(subscribe(info));
      assertThat(subscribed.getType()).as("%s", subscribed).isEqualTo(Event.Type.SUBSCRIBED);
      framework = subscribed.getSubscribed().getFrameworkId();

      Offer offer = first.next(WAIT, e -> e.getType() == Event.Type.OFFERS)
          .getOffers().getOffers(0);
      first.call(accept(framework, offer, task(done, "echo hello > out.txt", offer.getAgentId()),
          task(sleeper, "sleep 600", offer.getAgentId())));

      // Everything is acknowledged at once except done's FINISHED, to watch the agent retry it.
      Map<String, TaskState> latest = new HashMap<>();
      TaskStatus finished = null;
      while (finished == null || latest.get(sleeper) != TaskState.TASK_RUNNING) {
        TaskStatus status = first.next(WAIT, e -> e.getType() == Event.Type.UPDATE)
            .getUpdate().getStatus();
        latest.put(status.getTaskId().getValue(), status.getState());
        if (status.getTaskId().getValue().equals(done)
            && status.getState() == TaskState.TASK_FINISHED) {
          finished = status;
        } else if (status.hasUuid()) {
          first.call(acknowledge(framework, status));
        }
      }
      assertThat(finished.hasUuid()).isTrue();
      ByteString uuid = finished.getUuid();
      TaskStatus resent = first.next(WAIT, e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getUuid().equals(uuid)).getUpdate().getStatus();
      assertThat(resent.getState()).as("the agent re-sends until acknowledged")
          .isEqualTo(TaskState.TASK_FINISHED);
      first.call(acknowledge(framework, finished));
      assertThat(first.drain(Duration.ofMillis(1500)))
          .as("no re-sending after the acknowledgement")
          .noneMatch(e -> e.getUpdate().getStatus().getUuid().equals(uuid));
      assertThat(frameworkState(framework).getJsonArray("completed_tasks").stream()
          .map(t -> ((JsonObject) t).getString("id"))).contains(done);

      first.call(reconcile(framework, sleeper));
      assertReconciled(first, sleeper, TaskState.TASK_RUNNING);
      first.call(reconcile(framework, null));
      assertReconciled(first, sleeper, TaskState.TASK_RUNNING);

      first.drop();
    }
    Awaits.until("framework disconnected", WAIT,
        () -> !frameworkState(framework).getBoolean("connected"));

    try (SchedulerTransport second = transport.connect(cluster)) {
      Event again = second.subscribe(subscribe(info.toBuilder().setId(framework).build()));
      assertThat(again.getSubscribed().getFrameworkId()).isEqualTo(framework);
      second.call(reconcile(framework, sleeper));
      assertReconciled(second, sleeper, TaskState.TASK_RUNNING);

      second.call(Call.newBuilder().setType(Call.Type.KILL).setFrameworkId(framework)
          .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(sleeper)))
          .build());
      TaskStatus killed = second.next(WAIT, e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getTaskId().getValue().equals(sleeper)
          && e.getUpdate().getStatus().getState() == TaskState.TASK_KILLED).getUpdate().getStatus();
      second.call(acknowledge(framework, killed));

      second.call(Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(framework).build());
      Awaits.until("the stream ends after TEARDOWN", WAIT, second::streamEnded);
    }
    assertThat(cluster.state().getJsonArray("completed_frameworks").stream()
        .anyMatch(f -> ((JsonObject) f).getString("id").equals(framework.getValue()))).isTrue();
  }

  private static void assertReconciled(SchedulerTransport transport, String task, TaskState state)
      throws Exception {
    TaskStatus status = transport.next(WAIT, e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(task)).getUpdate().getStatus();
    assertThat(status.getState()).isEqualTo(state);
    assertThat(status.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
    assertThat(status.hasUuid()).as("reconciliation replies are not acknowledged").isFalse();
  }

  private JsonObject frameworkState(FrameworkID id) throws Exception {
    JsonObject state = cluster.state();
    for (String list : List.of("frameworks", "completed_frameworks")) {
      for (Object f : state.getJsonArray(list)) {
        if (((JsonObject) f).getString("id").equals(id.getValue())) {
          return (JsonObject) f;
        }
      }
    }
    throw new AssertionError("framework " + id.getValue() + " is not in /master/state");
  }

  private static Call subscribe(FrameworkInfo info) {
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    if (info.hasId()) {
      call.setFrameworkId(info.getId());
    }
    return call.build();
  }

  private static Call accept(FrameworkID framework, Offer offer, TaskInfo... tasks) {
    return Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(framework)
        .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
            .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))))
            .setFilters(Filters.newBuilder().setRefuseSeconds(0)))
        .build();
  }

  /** The task's name is its id: non-ASCII names must survive both encodings. */
  private static TaskInfo task(String id, String command, AgentID agent) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(agent)
        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command))
        .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 32))
        .build();
  }

  private static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  private static Call acknowledge(FrameworkID framework, TaskStatus status) {
    return Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(framework)
        .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(status.getAgentId())
            .setTaskId(status.getTaskId()).setUuid(status.getUuid()))
        .build();
  }

  /** Explicit reconciliation of one task, or implicit (all tasks) when {@code task} is null. */
  private static Call reconcile(FrameworkID framework, String task) {
    Call.Reconcile.Builder reconcile = Call.Reconcile.newBuilder();
    if (task != null) {
      reconcile.addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(task)));
    }
    return Call.newBuilder().setType(Call.Type.RECONCILE).setFrameworkId(framework)
        .setReconcile(reconcile).build();
  }
}
