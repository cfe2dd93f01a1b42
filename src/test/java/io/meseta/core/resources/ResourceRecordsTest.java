package io.meseta.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceRecordsTest {

  static Stream<Arguments> badRanges() {
    return Stream.of(
        arguments("begin after end", 5L, 1L, "invalid range 5-1: begin must not exceed end;"
            + " write it as 1-5"),
        arguments("a negative begin", -1L, 5L, "invalid range -1-5: bounds must be non-negative"),
        arguments("a negative end", 0L, -5L, "invalid range 0--5: bounds must be non-negative"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRanges")
  void rangeRejects(String description, long begin, long end, String message) {
    assertThatThrownBy(() -> new Range(begin, end))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rangeSizeCountsBothEnds() {
    assertThat(new Range(80, 80).size()).isEqualTo(1);
    assertThat(new Range(31000, 32000).size()).isEqualTo(1001);
    assertThat(new Range(0, Long.MAX_VALUE).size()).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"analytics", "eng/backend", "a.b", "x-y", "*", "a/b/c", "r_1"})
  void acceptsValidRoles(String role) {
    assertThat(new Resource.Scalar("cpus", role, 1).role()).isEqualTo(role);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-a", "a/-b", "/a", "a/", "a//b", "a b", "a\tb",
      "a/*", "a(b", "a:b", "a;b"})
  void rejectsInvalidRoles(String role) {
    assertThatThrownBy(() -> new Resource.Scalar("cpus", role, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid resource 'cpus(" + role + ")': ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "c pus", "cpus(a)", "c[", "c}", "c;", "c:"})
  void rejectsInvalidNames(String name) {
    assertThatThrownBy(() -> new Resource.Scalar(name, "*", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid resource '" + name + "(*)': ");
  }

  @Test
  void scalarRejectsNegativeThousandths() {
    assertThatThrownBy(() -> new Resource.Scalar("cpus", "*", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid resource 'cpus': scalar values must be finite and non-negative,"
            + " got -1 thousandths");
  }

  @Test
  void scalarValueIsTheNearestDouble() {
    assertThat(new Resource.Scalar("cpus", "*", 300).value()).isEqualTo(0.3);
    assertThat(Resource.Scalar.of("cpus", "*", 0.1 + 0.2).millis()).isEqualTo(300);
  }

  @Test
  void rangesRecordCoalescesAndCopies() {
    List<Range> input = new ArrayList<>(List.of(new Range(10, 20), new Range(1, 9)));
    Resource.Ranges ranges = new Resource.Ranges("ports", "*", input);
    input.clear();
    assertThat(ranges.ranges()).containsExactly(new Range(1, 20));
    assertThatThrownBy(() -> ranges.ranges().add(new Range(1, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void setRecordUsesNaturalOrderWhateverTheCallersComparator() {
    TreeSet<String> reversed = new TreeSet<>(Comparator.reverseOrder());
    reversed.addAll(List.of("a", "b", "c"));
    Resource.Set set = new Resource.Set("disks", "*", reversed);
    assertThat(set.items()).containsExactly("a", "b", "c");
    assertThat(set).isEqualTo(new Resource.Set("disks", "*", new TreeSet<>(List.of("c", "b", "a"))));
    assertThat(Resources.of(List.of(set)).toText()).isEqualTo("disks:{a,b,c}");
  }

  @Test
  void setRecordRejectsItemsTheTextFormCannotHold() {
    assertThatThrownBy(() -> new Resource.Set("disks", "*", new TreeSet<>(List.of("a,b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid resource 'disks': set item 'a,b' must not contain whitespace or"
            + " any of {},;");
  }

  static Stream<Arguments> rangeSubtraction() {
    return Stream.of(
        arguments("nothing from something", "[1-10]", "[]", "[1-10]"),
        arguments("everything", "[1-10]", "[1-10]", "[]"),
        arguments("a cut covering several ranges", "[1-2,4-5,7-8]", "[1-8]", "[]"),
        arguments("cuts left of everything are ignored", "[10-20]", "[1-5]", "[10-20]"),
        arguments("cuts right of everything are ignored", "[10-20]", "[30-40]", "[10-20]"),
        arguments("one cut across two ranges", "[1-5,8-12]", "[4-9]", "[1-3,10-12]"),
        arguments("at the top of the long range", "[0-9223372036854775807]",
            "[9223372036854775807-9223372036854775807]", "[0-9223372036854775806]"),
        arguments("the whole long range", "[0-9223372036854775807]", "[0-9223372036854775807]",
            "[]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rangeSubtraction")
  void rangeSubtractionCases(String description, String a, String b, String expected) {
    List<Range> result = RangeMath.subtract(ranges(a), ranges(b));
    assertThat(result).isEqualTo(ranges(expected));
  }

  @Test
  void coalesceHandlesTheTopOfTheLongRange() {
    List<Range> merged = RangeMath.coalesce(
        List.of(new Range(Long.MAX_VALUE, Long.MAX_VALUE), new Range(0, Long.MAX_VALUE - 1)));
    assertThat(merged).containsExactly(new Range(0, Long.MAX_VALUE));
  }

  private static List<Range> ranges(String text) {
    Resources r = Resources.parse("r:" + text);
    return r.isEmpty() ? List.of() : ((Resource.Ranges) r.entries().get(0)).ranges();
  }
}
