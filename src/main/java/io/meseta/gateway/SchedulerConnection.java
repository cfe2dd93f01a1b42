package io.meseta.gateway;

import io.meseta.core.model.FrameworkId;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One framework WebSocket: each text frame is one Mesos v1 scheduler Call in, or one Event out.
 * A call the master rejects is answered with an ERROR event that says why; the connection stays
 * open except after a failed SUBSCRIBE (Mesos closes the stream then).
 */
final class SchedulerConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerConnection.class);

  final String id = UUID.randomUUID().toString();
  private final Vertx vertx;
  private final EventBus bus;
  private final String nodeId;
  private final ServerWebSocket socket;
  private final Duration heartbeat;
  private FrameworkId framework;
  private boolean subscribing;
  private long heartbeatTimer = -1;

  SchedulerConnection(Vertx vertx, String nodeId, ServerWebSocket socket, Duration heartbeat) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.nodeId = nodeId;
    this.socket = socket;
    this.heartbeat = heartbeat;
  }

  void onText(String text) {
    Call call;
    try {
      call = MesosJson.parse(text, Call.getDefaultInstance());
    } catch (IllegalArgumentException e) {
      send(SchedulerEvents.error("Failed to parse scheduler Call: " + e.getMessage()));
      return;
    }
    if (framework == null) {
      beforeSubscribed(call);
      return;
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      send(SchedulerEvents.error("This connection is already subscribed as framework "
          + framework + "; open a new connection to subscribe again"));
      return;
    }
    if (!call.hasFrameworkId() || !call.getFrameworkId().getValue().equals(framework.value())) {
      send(SchedulerEvents.error("Call 'framework_id' must be " + framework
          + ", the framework subscribed on this connection"));
      return;
    }
    Optional<String> problem = CallRouting.problem(call);
    if (problem.isPresent()) {
      send(SchedulerEvents.error("Failed to validate scheduler::Call: " + problem.get()));
      return;
    }
    Optional<String> service = CallRouting.serviceFor(call.getType());
    if (service.isEmpty()) {
      send(SchedulerEvents.error(call.getType() == Call.Type.UNKNOWN
          ? "Unknown call type: set 'type' to one of the Mesos v1 scheduler call types"
          : "Call type " + call.getType() + " is not supported yet"));
      return;
    }
    Object message = call.getType() == Call.Type.TEARDOWN
        ? new Messages.Teardown(framework)
        : new Messages.SchedulerCall(framework, call);
    bus.request(service.get(), message).onFailure(e -> send(SchedulerEvents.error(reason(e))));
  }

  private void beforeSubscribed(Call call) {
    if (call.getType() != Call.Type.SUBSCRIBE) {
      send(SchedulerEvents.error("Framework is not subscribed: send SUBSCRIBE first"));
      return;
    }
    if (subscribing) {
      send(SchedulerEvents.error("A SUBSCRIBE is already in progress on this connection"));
      return;
    }
    subscribing = true;
    bus.<Event>request(Addresses.FRAMEWORKS, new Messages.Subscribe(nodeId, id, call))
        .onSuccess(reply -> {
          Event subscribed = reply.body();
          framework = FrameworkId.of(subscribed.getSubscribed().getFrameworkId().getValue());
          send(subscribed);
          heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(),
              t -> send(SchedulerEvents.heartbeat()));
        })
        .onFailure(e -> {
          subscribing = false;
          send(SchedulerEvents.error(reason(e)));
          socket.close();
        });
  }

  void send(Event event) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(MesosJson.print(event));
    }
  }

  void close() {
    socket.close();
  }

  void onClosed() {
    vertx.cancelTimer(heartbeatTimer);
    if (framework != null) {
      LOG.debug("Scheduler connection {} of framework {} closed", id, framework);
      bus.send(Addresses.FRAMEWORKS, new Messages.FrameworkDisconnected(framework, id));
    }
  }

  private static String reason(Throwable e) {
    return e instanceof ReplyException r ? r.getMessage() : "Internal error: " + e.getMessage();
  }
}
