package io.meseta.loadtest.sim;

import io.meseta.core.resources.Resources;
import io.meseta.loadtest.metrics.Measurements;
import io.meseta.protocol.ResourcesProto;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One simulated framework on the real scheduler WebSocket ({@code /api/v1/scheduler/ws}, one Mesos v1 JSON
 * Call or Event per frame): subscribes, launches as many tasks as fit in every offer ({@link TaskPacker}),
 * declines offers where none fits, and acknowledges every update that carries a uuid. State is touched on the
 * socket's event loop only.
 */
public final class SimulatedFramework {

  private static final class Launched {
    final long acceptNanos;
    boolean running;

    Launched(long acceptNanos) {
      this.acceptNanos = acceptNanos;
    }
  }

  private final String name;
  private final FrameworkSettings settings;
  private final Measurements measurements;
  private final AgentDirectory agents;
  private final Map<String, Launched> launched = new HashMap<>();
  private final Protos.Filters filters;
  private final CommandInfo command;
  private WebSocket socket;
  private FrameworkID frameworkId;
  private long taskSequence;

  public SimulatedFramework(String name, FrameworkSettings settings, Measurements measurements,
      AgentDirectory agents) {
    this.name = name;
    this.settings = settings;
    this.measurements = measurements;
    this.agents = agents;
    this.filters = Protos.Filters.newBuilder().setRefuseSeconds(settings.refuseSeconds()).build();
    this.command = CommandInfo.newBuilder()
        .setShell(true)
        .setValue("sleep " + settings.taskMillis() / 1000.0)
        .setEnvironment(Environment.newBuilder().addVariables(Environment.Variable.newBuilder()
            .setName(TaskDuration.ENVIRONMENT_VARIABLE).setValue(Long.toString(settings.taskMillis()))))
        .build();
  }

  /** Connects and subscribes; completes with the framework id once SUBSCRIBED arrives. */
  public Future<String> start(WebSocketClient client, String host, int port) {
    Promise<String> subscribed = Promise.promise();
    client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/api/v1/scheduler/ws"))
        .onFailure(subscribed::tryFail)
        .onSuccess(ws -> {
          socket = ws;
          ws.textMessageHandler(text -> onText(text, subscribed));
          ws.closeHandler(v -> subscribed.tryFail("framework " + name + " was disconnected before SUBSCRIBED"));
          long sent = System.nanoTime();
          send(Call.newBuilder()
              .setType(Call.Type.SUBSCRIBE)
              .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder()
                  .setUser("loadtest").setName(name).setRole("*").setFailoverTimeout(0)))
              .build());
          subscribed.future().onSuccess(id -> measurements.subscription(System.nanoTime() - sent));
        });
    return subscribed.future();
  }

  /** Sends TEARDOWN (the master kills the framework's tasks and forgets it), then closes the socket. */
  public Future<Void> teardown() {
    if (socket == null || socket.isClosed()) {
      return Future.succeededFuture();
    }
    if (frameworkId == null) {
      return socket.close();
    }
    return socket.writeTextMessage(MesosJson.print(Call.newBuilder().setFrameworkId(frameworkId)
            .setType(Call.Type.TEARDOWN).build()))
        .eventually(() -> socket.close());
  }

  private void onText(String text, Promise<String> subscribed) {
    Event event;
    try {
      event = MesosJson.parse(text, Event.getDefaultInstance());
    } catch (IllegalArgumentException e) {
      measurements.errorsFromMaster.increment();
      return;
    }
    switch (event.getType()) {
      case SUBSCRIBED -> {
        frameworkId = event.getSubscribed().getFrameworkId();
        measurements.frameworksSubscribed.increment();
        subscribed.tryComplete(frameworkId.getValue());
      }
      case OFFERS -> offers(event.getOffers().getOffersList());
      case UPDATE -> update(event.getUpdate().getStatus());
      case ERROR -> {
        measurements.errorsFromMaster.increment();
        subscribed.tryFail("master refused framework " + name + ": " + event.getError().getMessage());
      }
      default -> { } // HEARTBEAT, RESCIND, FAILURE: nothing to do for a framework that only launches
    }
  }

  private void offers(List<Protos.Offer> offers) {
    long now = System.nanoTime();
    for (Protos.Offer offer : offers) {
      measurements.offersReceived.increment();
      agents.offerReceived(offer.getAgentId().getValue(), now);
      Resources offered = ResourcesProto.fromProto(offer.getResourcesList());
      int count = TaskPacker.fit(offered, settings.taskResources(), settings.maxTasksPerOffer());
      if (count == 0) {
        measurements.offersDeclined.increment();
        send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.DECLINE)
            .setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId()).setFilters(filters)).build());
        continue;
      }
      List<Protos.Resource> taskResources = ResourcesProto.toProto(settings.taskResources(), "*");
      Protos.Offer.Operation.Launch.Builder launch = Protos.Offer.Operation.Launch.newBuilder();
      long acceptNanos = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String taskId = name + "-" + (taskSequence++);
        launch.addTaskInfos(TaskInfo.newBuilder()
            .setName(name)
            .setTaskId(TaskID.newBuilder().setValue(taskId))
            .setAgentId(offer.getAgentId())
            .addAllResources(taskResources)
            .setCommand(command));
        launched.put(taskId, new Launched(acceptNanos));
      }
      measurements.tasksLaunched.add(count);
      send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACCEPT)
          .setAccept(Call.Accept.newBuilder()
              .addOfferIds(offer.getId())
              .addOperations(Protos.Offer.Operation.newBuilder()
                  .setType(Protos.Offer.Operation.Type.LAUNCH).setLaunch(launch))
              .setFilters(filters))
          .build());
    }
  }

  private void update(TaskStatus status) {
    if (!status.getUuid().isEmpty()) {
      send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACKNOWLEDGE)
          .setAcknowledge(Call.Acknowledge.newBuilder()
              .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid()))
          .build());
    }
    String taskId = status.getTaskId().getValue();
    Launched task = launched.get(taskId);
    if (task == null) {
      return; // a duplicate of an update already counted, or a task of an earlier run
    }
    TaskState state = status.getState();
    if (state == TaskState.TASK_RUNNING) {
      if (!task.running) {
        task.running = true;
        measurements.tasksRunning.increment();
        if (task.acceptNanos >= measurements.windowStartNanos()) {
          measurements.acceptToRunning(System.nanoTime() - task.acceptNanos);
        }
      }
    } else if (isTerminal(state)) {
      launched.remove(taskId);
      (state == TaskState.TASK_FINISHED ? measurements.tasksFinished : measurements.tasksOtherTerminal).increment();
    }
  }

  private static boolean isTerminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
          TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }

  private void send(Call call) {
    if (socket != null && !socket.isClosed()) {
      socket.writeTextMessage(MesosJson.print(call));
    }
  }
}
