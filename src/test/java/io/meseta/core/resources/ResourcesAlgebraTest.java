package io.meseta.core.resources;

import static io.meseta.core.resources.Resources.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourcesAlgebraTest {

  @Test
  void fixedPointMakesPointOnePlusPointTwoExactlyPointThree() {
    Resources sum = Resources.scalar("cpus", 0.1).plus(Resources.scalar("cpus", 0.2));
    assertThat(sum).isEqualTo(Resources.scalar("cpus", 0.3));
    assertThat(sum.scalar("cpus")).isEqualTo(0.3);
    assertThat(sum.scalarMillis("cpus")).isEqualTo(300);
  }

  @Test
  void tenTenthsMakeOneAndSubtractBackToZero() {
    Resources total = Resources.EMPTY;
    for (int i = 0; i < 10; i++) {
      total = total.plus(Resources.scalar("cpus", 0.1));
    }
    assertThat(total).isEqualTo(Resources.scalar("cpus", 1));
    for (int i = 0; i < 10; i++) {
      total = total.minus(Resources.scalar("cpus", 0.1));
    }
    assertThat(total).isEqualTo(Resources.EMPTY);
    assertThat(total.isEmpty()).isTrue();
  }

  @Test
  void scalarInputsRoundHalfUpToThousandths() {
    assertThat(Resources.scalar("cpus", 0.0005).scalarMillis("cpus")).isEqualTo(1);
    assertThat(Resources.scalar("cpus", 0.0004999).scalarMillis("cpus")).isZero();
    assertThat(Resources.scalar("cpus", 1.2345).scalarMillis("cpus")).isEqualTo(1235);
  }

  @Test
  void scalarFactoriesRejectNegativeNanAndInfinity() {
    for (double bad : new double[] {-0.001, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Resources.scalar("cpus", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid resource 'cpus': scalar values must be finite and non-negative,"
              + " got " + bad);
    }
  }

  @Test
  void zeroScalarsVanish() {
    assertThat(Resources.scalar("cpus", 0)).isSameAs(Resources.EMPTY);
  }

  static Stream<Arguments> rangeMerging() {
    return Stream.of(
        arguments("adjacent ranges join", "ports:[1-5]", "ports:[6-10]", "ports:[1-10]"),
        arguments("overlapping ranges join", "ports:[1-6]", "ports:[4-10]", "ports:[1-10]"),
        arguments("a range inside another adds nothing", "ports:[1-10]", "ports:[3-4]",
            "ports:[1-10]"),
        arguments("a gap of one keeps ranges apart", "ports:[1-5]", "ports:[7-10]",
            "ports:[1-5,7-10]"),
        arguments("a range can bridge two", "ports:[1-3,8-9]", "ports:[4-7]", "ports:[1-9]"),
        arguments("roles keep ranges apart", "ports:[1-5]", "ports(a):[6-10]",
            "ports:[1-5];ports(a):[6-10]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rangeMerging")
  void plusMergesRanges(String description, String a, String b, String expected) {
    assertThat(parse(a).plus(parse(b))).isEqualTo(parse(expected));
    assertThat(parse(a).plus(parse(b)).toText()).isEqualTo(expected);
  }

  @Test
  void rangesFactoryCoalesces() {
    Resources ports = Resources.ranges("ports", List.of(new Range(6, 10), new Range(1, 5)));
    assertThat(ports.entries())
        .containsExactly(new Resource.Ranges("ports", "*", List.of(new Range(1, 10))));
  }

  static Stream<Arguments> containment() {
    return Stream.of(
        arguments("anything contains nothing", "cpus:1", "", true),
        arguments("nothing contains nothing", "", "", true),
        arguments("nothing does not contain something", "", "cpus:1", false),
        arguments("a bigger scalar contains a smaller", "cpus:2", "cpus:1.5", true),
        arguments("an equal scalar is contained", "cpus:2", "cpus:2", true),
        arguments("a smaller scalar does not contain a bigger", "cpus:1", "cpus:1.001", false),
        arguments("a missing name is not contained", "cpus:4", "mem:1", false),
        arguments("unreserved does not cover a reservation", "cpus:4", "cpus(a):1", false),
        arguments("a reservation does not cover unreserved", "cpus(a):4", "cpus:1", false),
        arguments("another role's reservation does not count", "cpus(a):4", "cpus(b):1", false),
        arguments("per role, not summed", "cpus:1;cpus(a):1", "cpus:2", false),
        arguments("a sub-range is contained", "ports:[1-10]", "ports:[3-4,7-10]", true),
        arguments("a straddling range is not", "ports:[1-5,7-10]", "ports:[4-8]", false),
        arguments("a superset of items contains", "disks:{a,b,c}", "disks:{a,c}", true),
        arguments("a missing item is not contained", "disks:{a,b}", "disks:{a,z}", false),
        arguments("ranges and scalars together", "cpus:4;ports:[1-100]",
            "cpus:4;ports:[50-60]", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containment")
  void containsComparesPerNameAndRole(String description, String a, String b, boolean result) {
    assertThat(parse(a).contains(parse(b))).isEqualTo(result);
  }

  static Stream<Arguments> subtraction() {
    return Stream.of(
        arguments("scalars subtract", "cpus:4;mem:1024", "cpus:1.5", "cpus:2.5;mem:1024"),
        arguments("subtracting everything of a name drops it", "cpus:4;mem:1", "cpus:4",
            "mem:1"),
        arguments("a reservation is taken from its role only", "cpus:4;cpus(a):2", "cpus(a):2",
            "cpus:4"),
        arguments("a middle range splits", "ports:[1-10]", "ports:[4-6]", "ports:[1-3,7-10]"),
        arguments("an edge range trims", "ports:[1-10]", "ports:[1-3]", "ports:[4-10]"),
        arguments("several cuts", "ports:[1-10,20-30]", "ports:[2-2,9-10,20-29]",
            "ports:[1-1,3-8,30-30]"),
        arguments("items are removed", "disks:{a,b,c}", "disks:{b}", "disks:{a,c}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subtraction")
  void minusTakesAway(String description, String a, String b, String expected) {
    assertThat(parse(a).minus(parse(b))).isEqualTo(parse(expected));
  }

  @Test
  void minusRefusesWhatIsNotContained() {
    assertThatThrownBy(() -> parse("cpus(a):1").minus(parse("cpus:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot subtract 'cpus:1' from 'cpus(a):1': it is not contained (per name"
            + " and role, scalars must be large enough and ranges and sets must be subsets);"
            + " subtract only resources that were added");
  }

  @Test
  void scalarSumsOverAllRoles() {
    Resources r = parse("cpus:1;cpus(a):2.5;cpus(b/c):0.25;mem:8;ports:[1-2]");
    assertThat(r.scalar("cpus")).isEqualTo(3.75);
    assertThat(r.scalarMillis("cpus")).isEqualTo(3750);
    assertThat(r.scalar("gpus")).isZero();
    assertThat(r.scalar("ports")).isZero();
    assertThat(r.scalarNames()).containsExactly("cpus", "mem");
  }

  @Test
  void roleViews() {
    Resources r = parse("cpus:1;cpus(eng):2;cpus(eng/web):3;cpus(ads):4;ports(eng):[1-2]");
    assertThat(r.unreserved()).isEqualTo(parse("cpus:1"));
    assertThat(r.reservedTo("eng")).isEqualTo(parse("cpus(eng):2;ports(eng):[1-2]"));
    assertThat(r.reservedTo("nobody")).isEqualTo(Resources.EMPTY);
    assertThat(r.allocatableTo("ads")).isEqualTo(parse("cpus:1;cpus(ads):4"));
    assertThat(r.allocatableTo("eng")).isEqualTo(parse("cpus:1;cpus(eng):2;ports(eng):[1-2]"));
  }

  @Test
  void aSubroleMayUseItsAncestorsReservations() {
    Resources r = parse("cpus:1;cpus(eng):2;cpus(eng/web):3;cpus(engine):5");
    assertThat(r.allocatableTo("eng/web"))
        .isEqualTo(parse("cpus:1;cpus(eng):2;cpus(eng/web):3"));
    assertThat(r.allocatableTo("eng/web/api")).isEqualTo(r.allocatableTo("eng/web"));
  }

  @Test
  void scalarsOnlyDropsRangesAndSets() {
    assertThat(parse("cpus(a):1;ports:[1-2];disks:{x};mem:3").scalarsOnly())
        .isEqualTo(parse("cpus(a):1;mem:3"));
  }

  @Test
  void withoutRolesFlattensToQuantities() {
    Resources r = parse("cpus:1;cpus(a):2;ports:[1-5];ports(b):[6-9];disks(a):{x}");
    assertThat(r.withoutRoles()).isEqualTo(parse("cpus:3;ports:[1-9];disks:{x}"));
  }

  @Test
  void containsQuantitiesIgnoresRoles() {
    Resources offered = parse("cpus(a):0.5;mem:64");
    assertThat(offered.contains(parse("cpus:0.01"))).isFalse();
    assertThat(offered.containsQuantities(parse("cpus:0.01"))).isTrue();
    assertThat(offered.containsQuantities(parse("mem(x):32"))).isTrue();
    assertThat(offered.containsQuantities(parse("mem:65"))).isFalse();
  }

  @Test
  void equalValuesAreEqualAndHashAlike() {
    Resources a = parse("ports:[6-10];cpus:1;ports:[1-5];mem:0");
    Resources b = parse("cpus:0.5;ports:[1-10];cpus:0.5");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(parse("cpus:1"));
  }

  @Test
  void entriesAreInCanonicalOrderAndUnmodifiable() {
    Resources r = parse("mem:1;disks:{a};cpus(b):1;cpus(a):1;cpus:1;cpus:{x};cpus:[1-2]");
    assertThat(r.entries())
        .extracting(e -> e.name() + "(" + e.role() + ")/" + e.getClass().getSimpleName())
        .containsExactly("cpus(*)/Scalar", "cpus(*)/Ranges", "cpus(*)/Set", "cpus(a)/Scalar",
            "cpus(b)/Scalar", "disks(*)/Set", "mem(*)/Scalar");
    assertThatThrownBy(() -> r.entries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ofCombinesAndDropsEmptyEntries() {
    Resources r = Resources.of(List.of(
        new Resource.Scalar("cpus", "*", 500),
        new Resource.Scalar("cpus", "*", 250),
        new Resource.Scalar("mem", "*", 0),
        new Resource.Ranges("ports", "*", List.of()),
        new Resource.Set("disks", "a", new java.util.TreeSet<>())));
    assertThat(r.entries()).containsExactly(new Resource.Scalar("cpus", "*", 750));
  }

  @Test
  void plusWithEmptyReturnsTheSameValue() {
    Resources r = parse("cpus:1");
    assertThat(r.plus(Resources.EMPTY)).isSameAs(r);
    assertThat(Resources.EMPTY.plus(r)).isSameAs(r);
    assertThat(r.minus(Resources.EMPTY)).isSameAs(r);
  }

  @Test
  void overflowingScalarsAreRefused() {
    Resources max = Resources.of(List.of(new Resource.Scalar("mem", "*", Long.MAX_VALUE)));
    assertThatThrownBy(() -> max.plus(parse("mem:0.001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scalar 'mem' overflows");
  }
}
