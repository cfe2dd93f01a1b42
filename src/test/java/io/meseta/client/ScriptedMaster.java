package io.meseta.client;

import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A master that follows a script: a real Vert.x HTTP server on 127.0.0.1 serving the framework
 * WebSocket, recording every call (parsed, and the raw frame) and answering as the test says.
 */
final class ScriptedMaster {
  static final String FRAMEWORK_ID = "M-0000";

  final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final HttpServer server;
  private volatile ServerWebSocket socket;
  private volatile BiConsumer<ScriptedMaster, Call> script;

  private ScriptedMaster(Vertx vertx, BiConsumer<ScriptedMaster, Call> script) {
    this.script = script;
    this.server = vertx.createHttpServer()
        .requestHandler(request -> request.response().setStatusCode(404).end())
        .webSocketHandler(ws -> {
          if (!ws.path().equals(SchedulerDriver.PATH)) {
            ws.close((short) 1008, "unknown path " + ws.path());
            return;
          }
          socket = ws;
          ws.textMessageHandler(text -> {
            Call call = MesosJson.parse(text, Call.getDefaultInstance());
            frames.add(text);
            calls.add(call);
            this.script.accept(this, call);
          });
        });
    server.listen(0, "127.0.0.1").await();
  }

  /** A master that answers every SUBSCRIBE with SUBSCRIBED (keeping a failing-over id). */
  static ScriptedMaster subscribing(Vertx vertx) {
    return new ScriptedMaster(vertx, (master, call) -> {
      if (call.getType() == Call.Type.SUBSCRIBE) {
        master.send(subscribed(call.hasFrameworkId() ? call.getFrameworkId().getValue() : FRAMEWORK_ID));
      }
    });
  }

  static ScriptedMaster scripted(Vertx vertx, BiConsumer<ScriptedMaster, Call> script) {
    return new ScriptedMaster(vertx, script);
  }

  static Event subscribed(String frameworkId) {
    return Event.newBuilder()
        .setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
            .setHeartbeatIntervalSeconds(15)
            .setMasterInfo(MasterInfo.newBuilder().setId("master-1").setIp(16777343).setPort(5050)))
        .build();
  }

  String address() {
    return "127.0.0.1:" + server.actualPort();
  }

  void send(Event event) {
    socket.writeTextMessage(MesosJson.print(event));
  }

  void closeSocket() {
    socket.close();
  }

  Call nextCall() throws InterruptedException {
    Call call = calls.poll(5, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("the driver sent no call within 5 s");
    }
    return call;
  }

  String nextFrame() throws InterruptedException {
    String frame = frames.poll(5, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("the driver sent no frame within 5 s");
    }
    return frame;
  }
}
