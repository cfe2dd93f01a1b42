package io.meseta.gateway.scheduler;

import io.meseta.core.model.FrameworkId;
import io.meseta.gateway.security.FrameworkPrincipal;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.http.ServerWebSocket;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One framework WebSocket ({@code /api/v1/scheduler/ws}): each text frame is one Mesos v1
 * scheduler Call in, or one Event out. A WebSocket has no status codes, so a rejected call is
 * answered with an ERROR event that says why; the connection stays open except after a failed
 * SUBSCRIBE (Mesos closes the stream then).
 */
public final class WebSocketSchedulerConnection implements FrameworkStream {
  private final String id = UUID.randomUUID().toString();
  private final SchedulerCalls calls;
  private final ServerWebSocket socket;
  /** Who opened the socket, when authentication is on. */
  private final Optional<String> principal;
  private FrameworkId framework;
  private boolean subscribing;

  private WebSocketSchedulerConnection(SchedulerCalls calls, ServerWebSocket socket,
      Optional<String> principal) {
    this.calls = calls;
    this.socket = socket;
    this.principal = principal;
  }

  /** Serves a newly upgraded framework WebSocket until it closes. */
  public static void serve(ServerWebSocket socket, SchedulerCalls calls) {
    serve(socket, calls, Optional.empty());
  }

  /** @param principal the principal the upgrade request authenticated as, if required */
  public static void serve(ServerWebSocket socket, SchedulerCalls calls,
      Optional<String> principal) {
    serve(socket, calls, principal, null);
  }

  /** @param rates when given, messages over its WebSocket rate are dropped with an ERROR event */
  public static void serve(ServerWebSocket socket, SchedulerCalls calls,
      Optional<String> principal, io.meseta.gateway.security.RateLimits rates) {
    WebSocketSchedulerConnection connection =
        new WebSocketSchedulerConnection(calls, socket, principal);
    calls.opened(connection);
    socket.textMessageHandler(rates == null ? connection::onText
        : io.meseta.gateway.security.WebSocketRate.limit(rates, connection::onText,
            message -> connection.send(SchedulerEvents.error(message))));
    socket.closeHandler(v -> calls.closed(connection));
  }

  @Override
  public String id() {
    return id;
  }

  private void onText(String text) {
    Call call;
    try {
      call = calls.parseJson(text);
    } catch (IllegalArgumentException e) {
      send(SchedulerEvents.error(e.getMessage()));
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
    Optional<String> invalid = calls.rejected(call);
    if (invalid.isPresent()) {
      send(SchedulerEvents.error(invalid.get()));
      return;
    }
    calls.dispatch(framework, call).onFailure(e -> {
      if (SchedulerCalls.leaderUnavailable(e)) {
        close();
      } else {
        send(SchedulerEvents.error(SchedulerCalls.reason(e)));
      }
    });
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
    Optional<String> invalid = calls.rejected(call)
        .or(() -> FrameworkPrincipal.mismatch(principal, call.getSubscribe().getFrameworkInfo()))
        .or(() -> calls.forbidden(call));
    if (invalid.isPresent()) {
      send(SchedulerEvents.error(invalid.get()));
      close();
      return;
    }
    subscribing = true;
    calls.subscribe(this, call, false)
        .onSuccess(subscribed -> framework = subscribed)
        .onFailure(e -> subscribing = false);
  }

  @Override
  public void send(Event event) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(MesosJson.print(event));
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
