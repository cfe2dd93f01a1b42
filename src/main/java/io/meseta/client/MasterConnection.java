package io.meseta.client;

import io.meseta.protocol.json.MesosJson;
import io.meseta.protocol.json.MesosJsonException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.util.function.BiConsumer;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to one master: turns text frames into events, watches liveness, and reports its
 * loss exactly once (and not at all when the driver closes it). Used on the driver's context.
 */
final class MasterConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerDriver.class);

  private final WebSocket socket;
  private final MasterAddress master;
  private final BiConsumer<MasterConnection, Event> onEvent;
  private final BiConsumer<MasterConnection, String> onLost;
  private final LivenessTimer liveness;
  private boolean over;

  MasterConnection(
      Vertx vertx,
      WebSocket socket,
      MasterAddress master,
      long heartbeatTimeoutMillis,
      BiConsumer<MasterConnection, Event> onEvent,
      BiConsumer<MasterConnection, String> onLost) {
    this.socket = socket;
    this.master = master;
    this.onEvent = onEvent;
    this.onLost = onLost;
    this.liveness = new LivenessTimer(vertx, heartbeatTimeoutMillis, silent -> {
      lose("no event from " + master + " for " + silent + " ms (heartbeat timeout)");
      socket.close();
    });
    socket.textMessageHandler(this::onFrame);
    socket.binaryMessageHandler(
        data -> LOG.warn("Ignoring a binary frame from {}: events are text", master));
    socket.exceptionHandler(e -> LOG.debug("Connection to {} failed: {}", master, e.toString()));
    socket.closeHandler(v -> lose("connection to " + master + " closed"
        + (socket.closeReason() != null ? " (" + socket.closeReason() + ")" : "")));
    liveness.start();
  }

  MasterAddress master() {
    return master;
  }

  Future<Void> send(Call call) {
    return socket.writeTextMessage(MesosJson.print(call));
  }

  /** Closes without reporting a loss: the driver knows, it asked. */
  Future<Void> close() {
    over = true;
    liveness.stop();
    return socket.close();
  }

  private void onFrame(String text) {
    if (over) {
      return;
    }
    liveness.eventArrived();
    Event event;
    try {
      event = MesosJson.parse(text, Event.getDefaultInstance());
    } catch (MesosJsonException e) {
      LOG.error("Ignoring an event from {} the driver cannot read: {}", master, e.getMessage());
      return;
    }
    onEvent.accept(this, event);
  }

  private void lose(String reason) {
    if (over) {
      return;
    }
    over = true;
    liveness.stop();
    onLost.accept(this, reason);
  }
}
