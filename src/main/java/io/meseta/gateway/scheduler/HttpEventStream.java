package io.meseta.gateway.scheduler;

import io.meseta.protocol.json.MesosJson;
import io.meseta.protocol.json.RecordIO;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The response of a Mesos HTTP SUBSCRIBE: {@code 200}, chunked, a RecordIO record of one Event
 * per chunk. Each record is written as one chunk in one write, because several client libraries
 * (wrongly) parse chunk by chunk (reference/mesos-api.md §9.8).
 */
final class HttpEventStream implements FrameworkStream {
  private final String id = UUID.randomUUID().toString();
  private final HttpServerResponse response;
  private final boolean protobuf;
  private Runnable onClosed = () -> { };
  private boolean closed;

  private final boolean http1;

  HttpEventStream(HttpServerResponse response, boolean protobuf, HttpVersion version) {
    this.response = response;
    this.protobuf = protobuf;
    this.http1 = version != HttpVersion.HTTP_2;
  }

  /** Sends the status line and headers at once, before any event; {@code onClosed} runs once. */
  void open(Runnable whenClosed) {
    this.onClosed = whenClosed;
    response.setStatusCode(200).setChunked(true);
    if (http1) {
      // Set after setChunked, which stores the name in lower case: Mesos' spelling. (HTTP/2,
      // e.g. after an h2c upgrade, frames the body itself and forbids this header.)
      response.putHeader("Transfer-Encoding", "chunked");
    }
    response
        // Exactly the media type: several clients reject "; charset=utf-8" (§9.7).
        .putHeader("Content-Type", protobuf ? MediaTypes.PROTOBUF : MediaTypes.JSON)
        .putHeader("Mesos-Stream-Id", id);
    response.closeHandler(v -> finished());
    // A write to a peer that went away fails; the close handler reports the disconnection.
    response.exceptionHandler(e -> finished());
    response.writeHead();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void send(Event event) {
    if (closed || response.closed()) {
      return;
    }
    byte[] record = protobuf ? event.toByteArray() : MesosJson.printBytes(event);
    response.write(RecordIO.encode(record));
  }

  @Override
  public void close() {
    if (!closed && !response.closed() && !response.ended()) {
      response.end();
    }
    finished();
  }

  private void finished() {
    if (!closed) {
      closed = true;
      onClosed.run();
    }
  }
}
