package io.meseta.agent;

import io.meseta.protocol.json.MesosJson;
import io.meseta.protocol.json.RecordIO;
import io.vertx.core.http.HttpServerResponse;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * A subscribed executor's event stream: the 200 response of its SUBSCRIBE, each event one
 * RecordIO record written as one chunk (wire exactness, reference §9), in JSON or protobuf as
 * the executor asked. Used on the agent's context.
 */
final class ExecutorStream {
  static final String JSON = "application/json";
  static final String PROTOBUF = "application/x-protobuf";

  private final HttpServerResponse response;
  private final boolean protobuf;
  private boolean closed;

  ExecutorStream(HttpServerResponse response, boolean protobuf) {
    this.response = response;
    this.protobuf = protobuf;
  }

  /** Sends the headers at once: clients wait for them before they read events. */
  void open(Runnable onClosed) {
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", protobuf ? PROTOBUF : JSON);
    response.closeHandler(v -> {
      if (!closed) {
        closed = true;
        onClosed.run();
      }
    });
    response.writeHead();
  }

  void send(Event event) {
    if (!closed) {
      response.write(RecordIO.encode(protobuf ? event.toByteArray() : MesosJson.printBytes(event)));
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Ends the stream from the agent's side; the close callback does not run for it. */
  void close() {
    if (!closed) {
      closed = true;
      response.end();
    }
  }
}
