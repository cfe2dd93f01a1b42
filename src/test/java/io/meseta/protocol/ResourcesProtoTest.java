package io.meseta.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@SuppressWarnings("deprecation") // the deprecated role field is part of what we convert
class ResourcesProtoTest {

  private static Protos.Resource.Builder scalar(String name, double value) {
    return Protos.Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value));
  }

  private static Protos.Resource.Builder ranges(String name, long... bounds) {
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    for (int i = 0; i < bounds.length; i += 2) {
      ranges.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
    }
    return Protos.Resource.newBuilder().setName(name).setType(Value.Type.RANGES)
        .setRanges(ranges);
  }

  private static Protos.Resource.Builder set(String name, String... items) {
    return Protos.Resource.newBuilder().setName(name).setType(Value.Type.SET)
        .setSet(Value.Set.newBuilder().addAllItem(List.of(items)));
  }

  private static Protos.Resource.ReservationInfo reservation(String role) {
    return Protos.Resource.ReservationInfo.newBuilder()
        .setType(Protos.Resource.ReservationInfo.Type.DYNAMIC).setRole(role).build();
  }

  @Test
  void convertsAnAgentsResources() {
    Resources r = ResourcesProto.fromProto(List.of(
        scalar("cpus", 4).build(),
        scalar("mem", 8192).build(),
        ranges("ports", 31000, 32000).build(),
        set("disks", "b", "a").build()));
    assertThat(r).isEqualTo(Resources.parse("cpus:4;mem:8192;ports:[31000-32000];disks:{a,b}"));
  }

  @Test
  void combinesRepeatedEntries() {
    Resources r = ResourcesProto.fromProto(List.of(
        scalar("cpus", 0.1).build(), scalar("cpus", 0.2).build(),
        ranges("ports", 1, 5).build(), ranges("ports", 6, 10).build()));
    assertThat(r).isEqualTo(Resources.parse("cpus:0.3;ports:[1-10]"));
  }

  @Test
  void roundsScalarsToThousandths() {
    Resources r = ResourcesProto.fromProto(List.of(scalar("cpus", 0.12345).build()));
    assertThat(r.scalarMillis("cpus")).isEqualTo(123);
  }

  static Stream<Arguments> roles() {
    return Stream.of(
        arguments("no role at all is unreserved", scalar("cpus", 1), "*"),
        arguments("the deprecated role field", scalar("cpus", 1).setRole("ads"), "ads"),
        arguments("an explicit '*' role", scalar("cpus", 1).setRole("*"), "*"),
        arguments("a single reservation", scalar("cpus", 1).addReservations(reservation("ads")),
            "ads"),
        arguments("the last of a refinement stack",
            scalar("cpus", 1).addReservations(reservation("eng"))
                .addReservations(reservation("eng/web")), "eng/web"),
        arguments("role and reservations that agree (endpoint format)",
            scalar("cpus", 1).setRole("ads").addReservations(reservation("ads")), "ads"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void readsTheRole(String description, Protos.Resource.Builder message, String role) {
    Resources r = ResourcesProto.fromProto(List.of(message.build()));
    assertThat(r.entries()).singleElement().extracting(Resource::role).isEqualTo(role);
  }

  static Stream<Arguments> invalidMessages() {
    return Stream.of(
        arguments("a missing name",
            Protos.Resource.newBuilder().setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(1)),
            "resources[0]: invalid resource: the name is missing; set 'name', e.g. \"cpus\""),
        arguments("a missing type",
            Protos.Resource.newBuilder().setName("cpus")
                .setScalar(Value.Scalar.newBuilder().setValue(1)),
            "resources[0]: invalid resource 'cpus': the type is missing; set 'type' to SCALAR,"
                + " RANGES or SET"),
        arguments("SCALAR without a scalar",
            Protos.Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                .setRanges(Value.Ranges.getDefaultInstance()),
            "resources[0]: invalid resource 'cpus': type SCALAR needs exactly one value, in"
                + " 'scalar'; set that field and no other value"),
        arguments("RANGES with a scalar as well",
            ranges("ports", 1, 2).setScalar(Value.Scalar.newBuilder().setValue(1)),
            "resources[0]: invalid resource 'ports': type RANGES needs exactly one value, in"
                + " 'ranges'; set that field and no other value"),
        arguments("SET without a set",
            Protos.Resource.newBuilder().setName("disks").setType(Value.Type.SET),
            "resources[0]: invalid resource 'disks': type SET needs exactly one value, in 'set';"
                + " set that field and no other value"),
        arguments("TEXT", Protos.Resource.newBuilder().setName("rack").setType(Value.Type.TEXT),
            "resources[0]: invalid resource 'rack': type TEXT is only valid for attributes; use"
                + " SCALAR, RANGES or SET"),
        arguments("a negative scalar", scalar("cpus", -1),
            "resources[0]: invalid resource 'cpus': scalar values must be finite and"
                + " non-negative, got -1.0"),
        arguments("a NaN scalar", scalar("cpus", Double.NaN),
            "resources[0]: invalid resource 'cpus': scalar values must be finite and"
                + " non-negative, got NaN"),
        arguments("an infinite scalar", scalar("mem", Double.POSITIVE_INFINITY),
            "resources[0]: invalid resource 'mem': scalar values must be finite and"
                + " non-negative, got Infinity"),
        arguments("a range with begin after end", ranges("ports", 10, 5),
            "resources[0]: invalid resource 'ports': range 10-5 has begin greater than end;"
                + " swap 'begin' and 'end'"),
        arguments("a range beyond a signed long", ranges("ports", 1, -1L),
            "resources[0]: invalid resource 'ports': range 1-18446744073709551615 exceeds the"
                + " largest supported bound 9223372036854775807"),
        arguments("an invalid role", scalar("cpus", 1).setRole("-x"),
            "resources[0]: invalid resource 'cpus(-x)': role '-x' must not start a level with"
                + " '-'; choose a name such as 'analytics'"),
        arguments("role and reservations that disagree",
            scalar("cpus", 1).setRole("a").addReservations(reservation("b")),
            "resources[0]: invalid resource 'cpus': the deprecated 'role' (a) disagrees with the"
                + " last 'reservations' role (b); set only 'reservations' or make them agree"),
        arguments("a reservation without a role",
            scalar("cpus", 1).addReservations(Protos.Resource.ReservationInfo.newBuilder()
                .setType(Protos.Resource.ReservationInfo.Type.STATIC)),
            "resources[0]: invalid resource 'cpus': the last 'reservations' entry has no role;"
                + " set its 'role'"),
        arguments("a set item with a comma", set("disks", "a,b"),
            "resources[0]: invalid resource 'disks': set item 'a,b' must not contain whitespace"
                + " or any of {},;"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMessages")
  void rejectsInvalidMessages(String description, Protos.Resource.Builder message, String error) {
    assertThatThrownBy(() -> ResourcesProto.fromProto(List.of(message.buildPartial())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(error);
  }

  @Test
  void errorsNameTheIndexOfTheBadMessage() {
    List<Protos.Resource> messages = List.of(scalar("cpus", 1).build(), scalar("mem", -2).build());
    assertThatThrownBy(() -> ResourcesProto.fromProto(messages))
        .hasMessageStartingWith("resources[1]: invalid resource 'mem'");
  }

  @Test
  void writesTypeValueAndRole() {
    List<Protos.Resource> messages =
        ResourcesProto.toProto(Resources.parse("cpus(ads):0.3;ports:[1-5,7-9];disks:{a,b}"));
    assertThat(messages).containsExactly(
        scalar("cpus", 0.3).setRole("ads").build(),
        set("disks", "a", "b").setRole("*").build(),
        ranges("ports", 1, 5, 7, 9).setRole("*").build());
    assertThat(messages).noneMatch(Protos.Resource::hasAllocationInfo);
  }

  @Test
  void stampsTheAllocationRole() {
    List<Protos.Resource> messages =
        ResourcesProto.toProto(Resources.parse("cpus:1;mem(ads):2"), "ads");
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.getAllocationInfo().getRole()).isEqualTo("ads");
      assertThat(m.isInitialized()).isTrue();
    });
    assertThat(messages).extracting(Protos.Resource::getRole).containsExactly("*", "ads");
  }

  @Test
  void emptyResourcesAreNoMessages() {
    assertThat(ResourcesProto.toProto(Resources.EMPTY)).isEmpty();
    assertThat(ResourcesProto.fromProto(List.of())).isEqualTo(Resources.EMPTY);
  }

  @Test
  void theLargestRangeBoundSurvivesTheWire() {
    Resources r = Resources.parse("ports:[0-9223372036854775807]");
    assertThat(ResourcesProto.fromProto(ResourcesProto.toProto(r))).isEqualTo(r);
  }

  @Provide
  Arbitrary<Resources> resources() {
    Arbitrary<String> names = Arbitraries.of("cpus", "mem", "ports", "disks");
    Arbitrary<String> roles = Arbitraries.of("*", "ads", "eng/web");
    Arbitrary<Resource> scalars = net.jqwik.api.Combinators
        .combine(names, roles, Arbitraries.longs().between(0, 1_000_000_000L))
        .as(Resource.Scalar::new);
    Arbitrary<Resource> sets = net.jqwik.api.Combinators
        .combine(names, roles, Arbitraries.of("a", "b", "c").set().map(TreeSet::new))
        .as(Resource.Set::new);
    Arbitrary<Resource> ranges = net.jqwik.api.Combinators
        .combine(names, roles, Arbitraries.longs().between(0, 65535).list().ofMaxSize(6))
        .as((name, role, points) -> {
          List<io.meseta.core.resources.Range> list = new ArrayList<>();
          points.forEach(p -> list.add(new io.meseta.core.resources.Range(p, p + p % 7)));
          return new Resource.Ranges(name, role, list);
        });
    return Arbitraries.oneOf(scalars, sets, ranges).list().ofMaxSize(8).map(Resources::of);
  }

  @Property
  void protobufRoundTrips(@ForAll("resources") Resources r) {
    assertThat(ResourcesProto.fromProto(ResourcesProto.toProto(r))).isEqualTo(r);
    assertThat(ResourcesProto.fromProto(ResourcesProto.toProto(r, "ads"))).isEqualTo(r);
  }

  @Property
  void protobufRoundTripsThroughBytes(@ForAll("resources") Resources r) throws Exception {
    List<Protos.Resource> parsed = new ArrayList<>();
    for (Protos.Resource message : ResourcesProto.toProto(r)) {
      parsed.add(Protos.Resource.parseFrom(message.toByteArray()));
    }
    assertThat(ResourcesProto.fromProto(parsed)).isEqualTo(r);
  }
}
