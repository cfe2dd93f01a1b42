package io.meseta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meseta.protocol.json.MesosJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A Mesos HTTP SUBSCRIBE stream read off a raw socket. Every chunk must hold exactly one RecordIO
 * record ({@code <byte length>\n<payload>}); {@link #nextRecord()} asserts it.
 */
final class MesosStream implements AutoCloseable {
  static final String PATH = "/api/v1/scheduler";

  final RawHttp http;
  final RawHttp.Head head;
  private final boolean protobuf;

  private MesosStream(RawHttp http, RawHttp.Head head) {
    this.http = http;
    this.head = head;
    this.protobuf = head.header("Content-Type").orElse("").equals("application/x-protobuf");
  }

  /** POSTs a JSON SUBSCRIBE and reads the response head. */
  static MesosStream subscribe(int port, String json, String... headers) throws IOException {
    RawHttp http = new RawHttp(port);
    http.request("POST", PATH, json.getBytes(StandardCharsets.UTF_8), headers);
    return new MesosStream(http, http.readHead());
  }

  static MesosStream open(RawHttp http) throws IOException {
    return new MesosStream(http, http.readHead());
  }

  String streamId() {
    return head.header("Mesos-Stream-Id").orElseThrow();
  }

  /** The payload of the next record, checking that the chunk is exactly that one record. */
  byte[] nextRecord() throws IOException {
    byte[] chunk = http.readChunk();
    assertThat(chunk).as("a record, not the end of the stream").isNotEmpty();
    int newline = 0;
    while (chunk[newline] != '\n') {
      assertThat(chunk[newline]).as("record length digit").isBetween((byte) '0', (byte) '9');
      newline++;
    }
    int length = Integer.parseInt(new String(chunk, 0, newline, StandardCharsets.US_ASCII));
    assertThat(chunk.length - newline - 1)
        .as("bytes after the length line: one chunk holds exactly one whole record")
        .isEqualTo(length);
    return Arrays.copyOfRange(chunk, newline + 1, chunk.length);
  }

  Event decode(byte[] record) throws InvalidProtocolBufferException {
    return protobuf
        ? Event.parseFrom(record)
        : MesosJson.parse(new String(record, StandardCharsets.UTF_8), Event.getDefaultInstance());
  }

  Event next() throws IOException {
    return decode(nextRecord());
  }

  /** Skips events (heartbeats included) until one matches. */
  Event next(Predicate<Event> match) throws IOException {
    while (true) {
      Event event = next();
      if (match.test(event)) {
        return event;
      }
    }
  }

  /** Reads on until the terminating chunk; fails on timeout if the stream never ends. */
  void awaitEnd() throws IOException {
    while (http.readChunk().length > 0) {
      // events before the end (e.g. a last heartbeat) do not matter here
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
