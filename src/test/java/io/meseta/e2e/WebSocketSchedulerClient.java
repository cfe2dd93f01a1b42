package io.meseta.e2e;

import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** The scenario's framework on the native WebSocket transport (one Call or Event per frame). */
final class WebSocketSchedulerClient implements SchedulerTransport {
  private final RawScheduler socket;

  WebSocketSchedulerClient(Vertx vertx, int port) throws Exception {
    socket = new RawScheduler(vertx, port);
  }

  @Override
  public Event subscribe(Call subscribe) throws Exception {
    socket.send(MesosJson.print(subscribe));
    return socket.next(Duration.ofSeconds(10));
  }

  @Override
  public void call(Call call) throws Exception {
    socket.send(MesosJson.print(call));
  }

  @Override
  public Event next(Duration limit, Predicate<Event> match) throws Exception {
    return socket.nextMatching(limit, match);
  }

  @Override
  public List<Event> drain(Duration window) throws Exception {
    List<Event> seen = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    Event e;
    while ((e = socket.events.poll(Math.max(0, deadline - System.nanoTime()),
        TimeUnit.NANOSECONDS)) != null) {
      if (e.getType() != Event.Type.HEARTBEAT) {
        seen.add(e);
      }
    }
    return seen;
  }

  @Override
  public void drop() throws Exception {
    socket.close();
  }

  @Override
  public boolean streamEnded() {
    return socket.isClosed();
  }

  @Override
  public void close() throws Exception {
    socket.close();
  }
}
