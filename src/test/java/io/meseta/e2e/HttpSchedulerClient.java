package io.meseta.e2e;

import io.meseta.protocol.json.MesosJson;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A framework on Mesos' HTTP scheduler API written with nothing but {@link HttpClient}: SUBSCRIBE
 * keeps a RecordIO event stream open, every other call is a separate POST carrying the
 * {@code Mesos-Stream-Id}. JSON or protobuf, as any Mesos client library would speak it.
 */
final class HttpSchedulerClient implements SchedulerTransport {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;
  private final boolean protobuf;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private volatile boolean ended;
  private InputStream stream;
  private String streamId;

  HttpSchedulerClient(String master, boolean protobuf) {
    this.endpoint = URI.create("http://" + master + "/api/v1/scheduler");
    this.protobuf = protobuf;
  }

  @Override
  public Event subscribe(Call subscribe) throws Exception {
    HttpResponse<InputStream> response = http.send(request(subscribe)
        .header("Accept", protobuf ? "application/x-protobuf" : "application/json").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new AssertionError("SUBSCRIBE answered " + response.statusCode() + ": "
          + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
    }
    streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
    stream = response.body();
    Thread reader = new Thread(this::readEvents, "mesos-http-stream-" + streamId);
    reader.setDaemon(true);
    reader.start();
    return next(Duration.ofSeconds(10), e -> true);
  }

  /** RecordIO: a decimal byte length, a newline, that many bytes; one Event per record. */
  private void readEvents() {
    try (DataInputStream in = new DataInputStream(stream)) {
      while (true) {
        long length = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
          if (b < 0) {
            throw new EOFException();
          }
          length = length * 10 + (b - '0');
        }
        byte[] record = new byte[(int) length];
        in.readFully(record);
        events.add(protobuf ? Event.parseFrom(record)
            : MesosJson.parse(new String(record, StandardCharsets.UTF_8), Event.getDefaultInstance()));
      }
    } catch (IOException e) {
      ended = true;
    }
  }

  @Override
  public void call(Call call) throws Exception {
    HttpResponse<String> response = http.send(
        request(call).header("Mesos-Stream-Id", streamId).build(),
        HttpResponse.BodyHandlers.ofString());
    int expected = call.getType() == Call.Type.UPDATE_FRAMEWORK ? 200 : 202;
    if (response.statusCode() != expected) {
      throw new AssertionError(call.getType() + " answered " + response.statusCode() + ": "
          + response.body());
    }
  }

  private HttpRequest.Builder request(Call call) {
    byte[] body = protobuf ? call.toByteArray() : MesosJson.printBytes(call);
    return HttpRequest.newBuilder(endpoint)
        .header("Content-Type", protobuf ? "application/x-protobuf" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  @Override
  public Event next(Duration limit, Predicate<Event> match) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event within " + limit);
      }
      if (e.getType() != Event.Type.HEARTBEAT && match.test(e)) {
        return e;
      }
    }
  }

  @Override
  public List<Event> drain(Duration window) throws Exception {
    List<Event> seen = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    Event e;
    while ((e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
      if (e.getType() != Event.Type.HEARTBEAT) {
        seen.add(e);
      }
    }
    return seen;
  }

  @Override
  public void drop() throws Exception {
    stream.close();
  }

  @Override
  public boolean streamEnded() {
    return ended;
  }

  @Override
  public void close() throws Exception {
    if (stream != null) {
      stream.close();
    }
  }
}
