package io.meseta.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MesosJsonTest {
  private static final TaskInfo MINIMAL_TASK =
      TaskInfo.newBuilder()
          .setName("t1")
          .setTaskId(TaskID.newBuilder().setValue("t1"))
          .setAgentId(AgentID.newBuilder().setValue("M-S3"))
          .build();

  @Test
  void int64IsPrintedAsANumber() {
    assertThat(MesosJson.print(TimeInfo.newBuilder().setNanoseconds(1443830400000000000L)))
        .isEqualTo("{\"nanoseconds\":1443830400000000000}");
  }

  @Test
  void uint32IsPrintedUnsigned() {
    MasterInfo info = MasterInfo.newBuilder().setId("m").setIp(0xFFFF_FFFF).setPort(5050).build();

    assertThat(MesosJson.print(info)).isEqualTo("{\"id\":\"m\",\"ip\":4294967295,\"port\":5050}");
    assertThat(MesosJson.parse(MesosJson.print(info), MasterInfo.getDefaultInstance())).isEqualTo(info);
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    "15, 15.0",
    "7.9, 7.9",
    "0.45, 0.45",
    "1700000000.123, 1700000000.123",
    "0.30000000000000004, 0.3",
    "0.0001, 0.0001",
    "0.00001, 1.0e-05",
    "1e20, 1.0e+20",
    "-2.5, -2.5"
  })
  void doublesArePrintedLikeStout(double value, String printed) {
    assertThat(MesosJson.print(Value.Scalar.newBuilder().setValue(value)))
        .isEqualTo("{\"value\":" + printed + "}");
  }

  @Test
  void nonAsciiIsEscaped() {
    FrameworkID id = FrameworkID.newBuilder().setValue("caf\u00e9 \u2603 \uD83D\uDE00").build();

    String json = MesosJson.print(id);

    assertThat(json).isEqualTo("{\"value\":\"caf\\u00E9 \\u2603 \\uD83D\\uDE00\"}");
    assertThat(MesosJson.printBytes(id)).isEqualTo(json.getBytes(StandardCharsets.US_ASCII));
    assertThat(MesosJson.parse(json, FrameworkID.getDefaultInstance())).isEqualTo(id);
  }

  @Test
  void onlySetFieldsArePrintedAndEmptyRepeatedOmitted() {
    HealthCheck check = HealthCheck.newBuilder().setType(HealthCheck.Type.TCP).build();

    assertThat(MesosJson.print(check)).isEqualTo("{\"type\":\"TCP\"}");
    assertThat(MesosJson.print(Event.newBuilder().setType(Event.Type.HEARTBEAT)))
        .isEqualTo("{\"type\":\"HEARTBEAT\"}");
  }

  @Test
  void uuidBytesRoundTripAsBase64() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer raw = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    TaskStatus status = TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue("t1"))
        .setState(TaskState.TASK_RUNNING)
        .setUuid(ByteString.copyFrom(raw.array()))
        .build();

    String json = MesosJson.print(status);

    assertThat(json).contains("\"uuid\":\"" + java.util.Base64.getEncoder().encodeToString(raw.array()) + "\"");
    assertThat(MesosJson.parse(json, TaskStatus.getDefaultInstance())).isEqualTo(status);
  }

  @Test
  void infiniteLimitsRoundTrip() {
    TaskInfo task = MINIMAL_TASK.toBuilder()
        .putLimits("cpus", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build())
        .putLimits("mem", Value.Scalar.newBuilder().setValue(512).build())
        .build();

    String json = MesosJson.print(task);

    assertThat(json).endsWith("\"limits\":{\"cpus\":{\"value\":\"Infinity\"},\"mem\":{\"value\":512.0}}}");
    assertThat(MesosJson.parse(json, TaskInfo.getDefaultInstance())).isEqualTo(task);
  }

  @ParameterizedTest(name = "timestamp {0}")
  @CsvSource(delimiter = '|', value = {"32", "32.0", "\"32\"", "\"32.0\""})
  void numbersAcceptIntegersDecimalsAndQuotedText(String literal) {
    FrameworkInfo info = MesosJson.parse(
        "{\"user\":\"u\",\"name\":\"n\",\"failover_timeout\":" + literal + ",\"checkpoint\":\"true\"}",
        FrameworkInfo.getDefaultInstance());

    assertThat(info.getFailoverTimeout()).isEqualTo(32.0);
    assertThat(info.getCheckpoint()).isTrue();
    assertThat(MesosJson.parse("{\"nanoseconds\":" + literal + "}", TimeInfo.getDefaultInstance()).getNanoseconds())
        .isEqualTo(32L);
  }

  @Test
  void int64AcceptsAnIntegralDecimalWithoutRounding() {
    assertThat(MesosJson.parse("{\"nanoseconds\":1443830400000000001.0}", TimeInfo.getDefaultInstance()).getNanoseconds())
        .isEqualTo(1443830400000000001L);
  }

  @Test
  void fractionalIntegerIsRejected() {
    assertThatThrownBy(() -> MesosJson.parse("{\"nanoseconds\":1.5}", TimeInfo.getDefaultInstance()))
        .isInstanceOf(MesosJsonException.class)
        .hasMessage("Failed to parse TimeInfo: field 'nanoseconds': expected an integer, got 1.5");
  }

  @Test
  void outOfRangeIntegerIsRejected() {
    assertThatThrownBy(() -> MesosJson.parse("{\"id\":\"m\",\"ip\":-1,\"port\":1}", MasterInfo.getDefaultInstance()))
        .hasMessage("Failed to parse MasterInfo: field 'ip': -1 is out of range for uint32 [0, 4294967295]");
  }

  @Test
  void numericEnumIsRejected() {
    String json = "{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t\"},\"state\":1}}}";

    assertThatThrownBy(() -> MesosJson.parse(json, Event.getDefaultInstance()))
        .isInstanceOf(MesosJsonException.class)
        .hasMessageStartingWith("Failed to parse scheduler Event: field 'update.status.state': "
            + "Not expecting a JSON number for enum field 'state'");
  }

  @Test
  void unknownEnumNameIsDroppedOnOptionalFieldAndRejectedOnRequired() {
    Event event = MesosJson.parse("{\"type\":\"SOMETHING_NEW\"}", Event.getDefaultInstance());
    assertThat(event.hasType()).isFalse();

    String status = "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_EXPLODED\"}";
    assertThatThrownBy(() -> MesosJson.parse(status, TaskStatus.getDefaultInstance()))
        .hasMessage("Failed to parse TaskStatus: field 'state': unknown value \"TASK_EXPLODED\" for required enum TaskState");
  }

  @Test
  void unknownKeysAreIgnored() {
    Call call = MesosJson.parse(
        "{\"type\":\"REVIVE\",\"revive\":{\"roles\":[\"a\"],\"future\":{\"x\":[1,2]}},\"extra\":42}",
        Call.getDefaultInstance());

    assertThat(call.getRevive().getRolesList()).containsExactly("a");
  }

  @Test
  void nullMeansUnsetAlsoForRepeatedFieldsAndElements() {
    Call call = MesosJson.parse(
        "{\"framework_id\":null,\"type\":\"SUPPRESS\",\"suppress\":{\"roles\":null},\"subscribe\":null}",
        Call.getDefaultInstance());
    Call roles = MesosJson.parse("{\"type\":\"SUPPRESS\",\"suppress\":{\"roles\":[\"a\",null]}}", Call.getDefaultInstance());

    assertThat(call.hasFrameworkId()).isFalse();
    assertThat(call.hasSubscribe()).isFalse();
    assertThat(call.getSuppress().getRolesCount()).isZero();
    assertThat(roles.getSuppress().getRolesList()).containsExactly("a");
  }

  @Test
  void wrongTypeNamesTheFieldPath() {
    assertThatThrownBy(() -> MesosJson.parse("{\"framework_id\":{\"value\":5}}", Call.getDefaultInstance()))
        .isInstanceOf(MesosJsonException.class)
        .hasMessage("Failed to parse scheduler Call: field 'framework_id.value': expected a string, got the number 5");
  }

  @Test
  void pathsIncludeArrayIndexes() {
    String json = "{\"type\":\"OFFERS\",\"offers\":{\"offers\":[{},{\"resources\":[{\"scalar\":{\"value\":true}}]}]}}";

    assertThatThrownBy(() -> MesosJson.merge(json, Event.newBuilder()))
        .hasMessage("Failed to parse scheduler Event: field 'offers.offers[1].resources[0].scalar.value': "
            + "expected a number, got the boolean true");
  }

  @Test
  void missingRequiredFieldsAreReportedWithPaths() {
    String json = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"n\"}}}";

    assertThatThrownBy(() -> MesosJson.parse(json, Call.getDefaultInstance()))
        .isInstanceOf(MesosJsonException.class)
        .hasMessage("Failed to parse scheduler Call: missing required field 'subscribe.framework_info.user'");
    assertThat(MesosJson.merge(json, Call.newBuilder()).getSubscribe().getFrameworkInfo().getName()).isEqualTo("n");
  }

  @Test
  void malformedJsonIsReported() {
    assertThatThrownBy(() -> MesosJson.parse("{\"type\":", Call.getDefaultInstance()))
        .isInstanceOf(MesosJsonException.class)
        .hasMessageStartingWith("Failed to parse scheduler Call: Malformed JSON: ");
    assertThatThrownBy(() -> MesosJson.parse("[1]", Call.getDefaultInstance()))
        .hasMessage("Failed to parse scheduler Call: expected a JSON object, got a JSON array");
    assertThatThrownBy(() -> MesosJson.parse("{} {}", Call.getDefaultInstance()))
        .hasMessageStartingWith("Failed to parse scheduler Call: Malformed JSON: ");
  }

  @Test
  void invalidBase64IsReported() {
    assertThatThrownBy(() -> MesosJson.parse(
            "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_RUNNING\",\"uuid\":\"not base64!\"}",
            TaskStatus.getDefaultInstance()))
        .hasMessageStartingWith("Failed to parse TaskStatus: field 'uuid': expected base64 bytes: ");
  }
}
