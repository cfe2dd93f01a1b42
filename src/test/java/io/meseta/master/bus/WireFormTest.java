package io.meseta.master.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.agent.AgentMessage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bus message survives the trip to another master node: encodeToWire, then decodeFromWire
 * gives an equal record, while local deliveries stay pass-by-reference. Samples are built by
 * reflection over each record's components, so a new message is covered without editing this.
 */
class WireFormTest {
  static Stream<Class<?>> messageTypes() {
    return Stream.concat(Stream.of(Messages.class.getDeclaredClasses()),
            Stream.of(OperatorFacts.class.getDeclaredClasses()))
        .filter(Class::isRecord);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messageTypes")
  void everyMessageCrossesNodesEqual(Class<?> type) throws Exception {
    Object message = sample(type, type);
    Object decoded = roundTrip(type, message);
    assertThat(decoded).isEqualTo(message).isNotSameAs(message);
  }

  @Test
  void localDeliveriesStayPassByReference() {
    var call = new Messages.SchedulerCall(new io.meseta.core.model.FrameworkId("f"),
        Call.newBuilder().setType(Call.Type.REVIVE).build());
    assertThat(new LocalCodec<>(Messages.SchedulerCall.class).transform(call)).isSameAs(call);
  }

  @Test
  void wireModelRepliesCrossNodesToo() {
    Event event = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    assertThat(roundTrip(Event.class, event)).isEqualTo(event);
    var registered = new AgentMessage.Registered("agent-1", 15_000);
    assertThat(roundTrip(AgentMessage.Registered.class, registered)).isEqualTo(registered);
  }

  @Test
  void aClassOutsideTheAllowlistIsRefused() {
    LocalCodec<URI> codec = new LocalCodec<>(URI.class);
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, URI.create("http://example.com"));
    assertThatThrownBy(() -> codec.decodeFromWire(0, buffer))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside the bus allowlist")
        .hasMessageContaining("only io.meseta, Mesos, protobuf and JDK value types");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aForbiddenClassHiddenInsideAMessageIsRefused() {
    Map weights = new HashMap();
    weights.put("eng", URI.create("http://example.com"));
    var message = new Messages.UpdateWeights(weights);
    LocalCodec<Messages.UpdateWeights> codec = new LocalCodec<>(Messages.UpdateWeights.class);
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, message);
    assertThatThrownBy(() -> codec.decodeFromWire(0, buffer))
        .hasMessageContaining("outside the bus allowlist");
  }

  @Test
  void decodingStartsAtTheGivenPosition() {
    var message = new Messages.AgentPong(new io.meseta.core.model.AgentId("a"), 7);
    Buffer buffer = Buffer.buffer().appendString("prefix");
    new LocalCodec<>(Messages.AgentPong.class).encodeToWire(buffer, message);
    assertThat(new LocalCodec<>(Messages.AgentPong.class).decodeFromWire(6, buffer))
        .isEqualTo(message);
  }

  private static <T> T roundTrip(Class<T> type, Object message) {
    LocalCodec<T> codec = new LocalCodec<>(type);
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, type.cast(message));
    return codec.decodeFromWire(0, buffer);
  }

  /** A non-trivial value of {@code type} (declared as {@code generic}); records recursively. */
  private static Object sample(Class<?> type, Type generic) throws Exception {
    if (type == String.class) {
      return "s-1";
    } else if (type == int.class || type == Integer.class) {
      return 3;
    } else if (type == long.class || type == Long.class) {
      return 4L;
    } else if (type == double.class || type == Double.class) {
      return 0.5;
    } else if (type == boolean.class) {
      return true;
    } else if (type == Resources.class) {
      return Resources.parse("cpus:1.5;mem(eng):64;ports:[31000-31002]");
    } else if (type == io.meseta.core.allocation.Quota.class) {
      Resources scalars = Resources.parse("cpus:2;mem:128");
      return new io.meseta.core.allocation.Quota(scalars, scalars);
    } else if (type == Instant.class) {
      return Instant.ofEpochSecond(1_700_000_000L);
    } else if (type == Duration.class) {
      return Duration.ofSeconds(5);
    } else if (type == JsonObject.class) {
      return new JsonObject().put("id", "x").put("list", new JsonArray().add(1));
    } else if (type == com.fasterxml.jackson.databind.JsonNode.class) {
      return new ObjectMapper().readTree("{\"name\":\"t\",\"n\":[1,2]}");
    } else if (type == Call.class) {
      return Call.newBuilder().setType(Call.Type.ACCEPT)
          .setFrameworkId(org.apache.mesos.v1.Protos.FrameworkID.newBuilder().setValue("f-1"))
          .build();
    } else if (type == Event.class) {
      return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    } else if (Message.class.isAssignableFrom(type)) {
      return type.getMethod("getDefaultInstance").invoke(null);
    } else if (type.isEnum()) {
      return type.getEnumConstants()[type.getEnumConstants().length - 1];
    } else if (type == AgentMessage.ToAgent.class) {
      return new AgentMessage.KillTask("f", "t", 1000);
    } else if (type == AgentMessage.ToMaster.class) {
      return new AgentMessage.Pong(9);
    } else if (type == List.class) {
      Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
      return List.of(sample(argument(generic, 0), element));
    } else if (type == Map.class) {
      Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
      return Map.of(sample(argument(generic, 0), args[0]), sample(argument(generic, 1), args[1]));
    } else if (type.isRecord()) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] types = Stream.of(components).map(RecordComponent::getType).toArray(Class[]::new);
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = sample(components[i].getType(), components[i].getGenericType());
      }
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    }
    throw new AssertionError("no sample for " + generic + "; add one to WireFormTest.sample");
  }

  private static Class<?> argument(Type generic, int index) {
    Type arg = ((ParameterizedType) generic).getActualTypeArguments()[index];
    return arg instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) arg;
  }
}
