package io.meseta.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class RecordIOTest {
  /** mesos-api.md §1.2, byte for byte. */
  private static final String REFERENCE_STREAM =
      "119\n{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"12220-3440-12532-2345\"},"
          + "\"heartbeat_interval_seconds\":15.0}}20\n{\"type\":\"HEARTBEAT\"}";

  private static final Event SUBSCRIBED =
      Event.newBuilder()
          .setType(Event.Type.SUBSCRIBED)
          .setSubscribed(Event.Subscribed.newBuilder()
              .setFrameworkId(FrameworkID.newBuilder().setValue("12220-3440-12532-2345"))
              .setHeartbeatIntervalSeconds(15))
          .build();

  private static final Event HEARTBEAT = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();

  @Test
  void encodesTheReferenceStreamExactly() {
    Buffer stream = Buffer.buffer()
        .appendBuffer(RecordIO.encode(MesosJson.printBytes(SUBSCRIBED)))
        .appendBuffer(RecordIO.encode(MesosJson.printBytes(HEARTBEAT)));

    assertThat(stream.toString(StandardCharsets.US_ASCII)).isEqualTo(REFERENCE_STREAM);
  }

  @Test
  void lengthCountsUtf8BytesNotCharacters() {
    assertThat(RecordIO.encode("é".getBytes(StandardCharsets.UTF_8)).toString(StandardCharsets.UTF_8))
        .isEqualTo("2\né");
  }

  @Test
  void decodesSeveralRecordsInOneChunkAndSkipsEmptyLines() {
    List<String> records = new ArrayList<>();
    RecordIO.Decoder decoder = new RecordIO.Decoder(r -> records.add(new String(r, StandardCharsets.UTF_8)));

    decoder.feed(Buffer.buffer("\n" + REFERENCE_STREAM + "\n\n3\nabc"));

    assertThat(records).hasSize(3);
    assertThat(MesosJson.parse(records.get(0), Event.getDefaultInstance())).isEqualTo(SUBSCRIBED);
    assertThat(MesosJson.parse(records.get(1), Event.getDefaultInstance())).isEqualTo(HEARTBEAT);
    assertThat(records.get(2)).isEqualTo("abc");
  }

  @Test
  void decodesTheReferenceStreamChoppedAtEveryBoundary() {
    byte[] stream = REFERENCE_STREAM.getBytes(StandardCharsets.US_ASCII);
    for (int cut = 0; cut <= stream.length; cut++) {
      List<byte[]> records = new ArrayList<>();
      RecordIO.Decoder decoder = new RecordIO.Decoder(records::add);
      decoder.feed(Buffer.buffer().appendBytes(stream, 0, cut));
      decoder.feed(Buffer.buffer().appendBytes(stream, cut, stream.length - cut));
      assertThat(records).as("cut at %d", cut).hasSize(2);
    }
  }

  @Test
  void badLengthIsAnErrorAndStaysOne() {
    RecordIO.Decoder decoder = new RecordIO.Decoder(r -> {});

    assertThatThrownBy(() -> decoder.feed(Buffer.buffer("12x\n")))
        .isInstanceOf(MesosJsonException.class)
        .hasMessage("Malformed RecordIO stream: expected a decimal record length, got byte 0x78 ('x')");
    assertThatThrownBy(() -> decoder.feed(Buffer.buffer("1\na")))
        .isInstanceOf(MesosJsonException.class);
  }

  @Test
  void zeroAndOversizedLengthsAreErrors() {
    assertThatThrownBy(() -> new RecordIO.Decoder(r -> {}).feed(Buffer.buffer("0\n")))
        .hasMessage("Malformed RecordIO stream: record length 0 (a record has at least one byte)");
    assertThatThrownBy(() -> new RecordIO.Decoder(r -> {}, 100).feed(Buffer.buffer("101\n")))
        .hasMessageContaining("exceeds the limit of 100 bytes");
  }

  /** Records survive any re-chunking: the decoder sees the same records whatever the cuts. */
  @Property(tries = 300)
  void anyChunkingYieldsTheSameRecords(
      @ForAll("records") List<String> records, @ForAll("cuts") List<Integer> cuts) {
    Buffer stream = Buffer.buffer();
    records.forEach(r -> stream.appendBuffer(RecordIO.encode(r.getBytes(StandardCharsets.UTF_8))));
    List<String> decoded = new ArrayList<>();
    RecordIO.Decoder decoder = new RecordIO.Decoder(r -> decoded.add(new String(r, StandardCharsets.UTF_8)));

    int position = 0;
    for (int cut : cuts.stream().map(c -> c % (stream.length() + 1)).sorted().toList()) {
      decoder.feed(stream.slice(position, Math.max(position, cut)));
      position = Math.max(position, cut);
    }
    decoder.feed(stream.slice(position, stream.length()));

    assertThat(decoded).isEqualTo(records);
  }

  @Provide
  Arbitrary<List<String>> records() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(300).list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 10_000).list().ofMaxSize(20);
  }
}
