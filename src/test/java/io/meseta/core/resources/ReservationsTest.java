package io.meseta.core.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReservationsTest {

  private static Resources r(String text) {
    return Resources.parse(text);
  }

  static Stream<Arguments> reserves() {
    return Stream.of(
        Arguments.of("part of the unreserved cpus", "cpus:4;mem:1024", "cpus(a):3",
            "cpus:1;cpus(a):3;mem:1024"),
        Arguments.of("several names at once", "cpus:4;mem:1024", "cpus(a):4;mem(a):512",
            "cpus(a):4;mem:512;mem(a):512"),
        Arguments.of("ports", "cpus:1;ports:[31000-31010]", "ports(a):[31000-31004]",
            "cpus:1;ports:[31005-31010];ports(a):[31000-31004]"),
        Arguments.of("next to a static reservation", "cpus:2;cpus(a):1", "cpus(a):2",
            "cpus(a):3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reserves")
  void reserve_moves_unreserved_quantities_to_the_role(String name, String offered,
      String wanted, String after) {
    assertThat(Reservations.reserveProblem(r(offered), r(wanted))).isEmpty();
    assertThat(Reservations.reserve(r(offered), r(wanted))).isEqualTo(r(after));
    // UNRESERVE of what was just reserved (dynamically) gives the offer back as it was.
    Resources reserved = Reservations.reserve(r(offered), r(wanted));
    assertThat(Reservations.unreserveProblem(reserved, r(wanted), r(wanted))).isEmpty();
    assertThat(Reservations.unreserve(reserved, r(wanted))).isEqualTo(r(offered));
  }

  static Stream<Arguments> badReserves() {
    return Stream.of(
        Arguments.of("nothing", "cpus:4", "", "names no resources"),
        Arguments.of("no role", "cpus:4", "cpus:1", "names no role"),
        Arguments.of("more than offered", "cpus:4", "cpus(a):5", "asks for more than the offer"),
        Arguments.of("reserved for another role", "cpus(b):4", "cpus(a):1",
            "reserve only unreserved resources"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badReserves")
  void a_bad_reserve_says_what_is_wrong(String name, String offered, String wanted,
      String message) {
    assertThat(Reservations.reserveProblem(r(offered), r(wanted))).get().asString()
        .contains(message);
  }

  static Stream<Arguments> badUnreserves() {
    return Stream.of(
        Arguments.of("unreserved resources", "cpus:4", "cpus:1", "cpus:1", "it is not reserved"),
        Arguments.of("not in the offer", "cpus(a):1", "cpus(a):2", "cpus(a):2",
            "the offer does not hold it"),
        Arguments.of("a static reservation", "cpus(a):4", "cpus(a):2", "cpus(a):1",
            "static reservations"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badUnreserves")
  void a_bad_unreserve_says_what_is_wrong(String name, String offered, String reserved,
      String dynamic, String message) {
    assertThat(Reservations.unreserveProblem(r(offered), r(reserved), r(dynamic))).get()
        .asString().contains(message);
  }

  static Stream<Arguments> reapplied() {
    return Stream.of(
        Arguments.of("all fit", "cpus:4;mem:1024", "cpus(a):2", "cpus:2;cpus(a):2;mem:1024", ""),
        Arguments.of("the agent shrank", "cpus:1;mem:1024", "cpus(a):2;mem(a):512",
            "cpus:1;mem:512;mem(a):512", "cpus(a):2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reapplied")
  void reservations_are_reapplied_to_a_registering_agent(String name, String total,
      String dynamic, String after, String dropped) {
    Reservations.Applied applied = Reservations.applyTo(r(total), r(dynamic));
    assertThat(applied.total()).isEqualTo(r(after));
    assertThat(applied.dropped()).isEqualTo(r(dropped));
  }

  static Stream<Arguments> dynamicParts() {
    return Stream.of(
        Arguments.of("all dynamic", "cpus(a):2;mem:10", "cpus(a):2", "cpus(a):2"),
        Arguments.of("static and dynamic mixed", "cpus(a):6", "cpus(a):2", "cpus(a):2"),
        Arguments.of("all static", "cpus(a):4;mem(b):5", "", ""),
        Arguments.of("a range partly dynamic counts as static", "ports(a):[1-10]",
            "ports(a):[1-5]", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dynamicParts")
  void the_dynamic_part_of_an_offer(String name, String offered, String dynamic, String part) {
    assertThat(Reservations.dynamicPart(r(offered), r(dynamic))).isEqualTo(r(part));
  }
}
