package io.meseta.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourcesTextTest {

  static Stream<Arguments> goodInputs() {
    return Stream.of(
        arguments("the empty string is no resources", "", ""),
        arguments("blank text is no resources", "   ", ""),
        arguments("a single scalar", "cpus:4", "cpus:4"),
        arguments("a typical agent", "cpus:4;mem:8192;ports:[31000-32000]",
            "cpus:4;mem:8192;ports:[31000-32000]"),
        arguments("entries are sorted by name", "mem:1;cpus:2", "cpus:2;mem:1"),
        arguments("fractions keep up to three decimals", "cpus:0.5", "cpus:0.5"),
        arguments("trailing zeros are dropped", "cpus:1.500", "cpus:1.5"),
        arguments("a fourth decimal rounds half up", "cpus:0.0005", "cpus:0.001"),
        arguments("a fourth decimal below half rounds down", "cpus:1.2344", "cpus:1.234"),
        arguments("exponent notation is a number", "mem:1e3", "mem:1000"),
        arguments("a leading plus sign is accepted", "cpus:+2", "cpus:2"),
        arguments("a value without leading digit", "cpus:.25", "cpus:0.25"),
        arguments("a zero scalar is dropped", "cpus:0;mem:1", "mem:1"),
        arguments("a value that rounds to zero is dropped", "cpus:0.0004", ""),
        arguments("a huge negative exponent is zero, quickly", "cpus:1e-999999999", ""),
        arguments("a role in parentheses", "cpus(analytics):4", "cpus(analytics):4"),
        arguments("the explicit unreserved role", "cpus(*):4", "cpus:4"),
        arguments("a hierarchical role", "cpus(eng/backend):1", "cpus(eng/backend):1"),
        arguments("unreserved sorts before reserved", "cpus(a):1;cpus:2", "cpus:2;cpus(a):1"),
        arguments("same name and role repeated are summed", "cpus:1;cpus:2.5", "cpus:3.5"),
        arguments("same name, other role, stays apart", "cpus:1;cpus(a):2", "cpus:1;cpus(a):2"),
        arguments("several ranges", "ports:[1-5,10-20]", "ports:[1-5,10-20]"),
        arguments("adjacent ranges merge", "ports:[1-5,6-10]", "ports:[1-10]"),
        arguments("overlapping ranges merge", "ports:[1-7,5-10]", "ports:[1-10]"),
        arguments("ranges are sorted", "ports:[10-20,1-5]", "ports:[1-5,10-20]"),
        arguments("a single-port range", "ports:[80-80]", "ports:[80-80]"),
        arguments("repeated ranges are a union", "ports:[1-5];ports:[3-8]", "ports:[1-8]"),
        arguments("empty ranges are dropped", "ports:[]", ""),
        arguments("a set", "disks:{b,a}", "disks:{a,b}"),
        arguments("repeated sets are a union", "disks:{a};disks:{b,a}", "disks:{a,b}"),
        arguments("an empty set is dropped", "disks:{}", ""),
        arguments("whitespace everywhere is tolerated",
            "  cpus ( analytics ) : 4 ;  ports : [ 1 - 5 , 10 - 20 ] ; disks : { a , b } ",
            "cpus(analytics):4;disks:{a,b};ports:[1-5,10-20]"),
        arguments("empty entries are skipped", ";cpus:1;;mem:2;", "cpus:1;mem:2"),
        arguments("names may hold dots, dashes and slashes", "nvidia.com/gpu-a100:2",
            "nvidia.com/gpu-a100:2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodInputs")
  void parsesGoodInput(String description, String input, String canonical) {
    Resources parsed = Resources.parse(input);
    assertThat(parsed.toText()).isEqualTo(canonical);
    assertThat(Resources.parse(canonical)).isEqualTo(parsed);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        arguments("a negative scalar", "cpus:-1",
            "invalid resource 'cpus:-1': scalar values must be finite and non-negative"),
        arguments("NaN", "cpus:NaN",
            "invalid resource 'cpus:NaN': scalar values must be finite and non-negative"),
        arguments("infinity", "mem:inf",
            "invalid resource 'mem:inf': scalar values must be finite and non-negative"),
        arguments("a word instead of a number", "cpus:four",
            "invalid resource 'cpus:four': 'four' is not a number; write a decimal such as 4"
                + " or 0.5, ranges in [ ] or a set in { }"),
        arguments("a scalar too large for thousandths", "mem:1e16",
            "invalid resource 'mem:1e16': scalar value 1E+16 is too large; the largest is"
                + " 9223372036854775.807"),
        arguments("a huge exponent is refused, quickly", "mem:1e999999999",
            "invalid resource 'mem:1e999999999': scalar value 1E+999999999 is too large; the"
                + " largest is 9223372036854775.807"),
        arguments("an exponent beyond an int", "mem:1e99999999999",
            "invalid resource 'mem:1e99999999999': '1e99999999999' is out of range; write a"
                + " decimal such as 4 or 0.5"),
        arguments("no colon", "cpus",
            "invalid resource 'cpus': expected name:value, e.g. 'cpus:4', 'cpus(analytics):4'"
                + " or 'ports:[31000-32000]'"),
        arguments("no value", "cpus:",
            "invalid resource 'cpus:': the value is missing; write a number ('cpus:4'), ranges"
                + " ('ports:[31000-32000]') or a set ('disks:{a,b}')"),
        arguments("no name", ":4",
            "invalid resource ':4': the name is empty; give every resource a name, e.g. 'cpus:4'"),
        arguments("whitespace inside a name", "cp us:4",
            "invalid resource 'cp us:4': name 'cp us' must not contain whitespace or any of"
                + " ()[]{};:; use a name such as 'cpus' or 'gpus_a100'"),
        arguments("an unclosed role", "cpus(analytics:4",
            "invalid resource 'cpus(analytics:4': write the role in parentheses right after"
                + " the name, e.g. 'cpus(analytics):4'"),
        arguments("an empty role", "cpus():4",
            "invalid resource 'cpus():4': the role is empty; omit the parentheses for"
                + " unreserved resources or name a role"),
        arguments("a role starting with a dash", "cpus(-x):4",
            "invalid resource 'cpus(-x):4': role '-x' must not start a level with '-'; choose a"
                + " name such as 'analytics'"),
        arguments("the role '.'", "cpus(.):4",
            "invalid resource 'cpus(.):4': role '.' uses the reserved name '.'; choose another"
                + " role name ('*' alone means unreserved)"),
        arguments("the role '..' as a level", "cpus(eng/..):4",
            "invalid resource 'cpus(eng/..):4': role 'eng/..' uses the reserved name '..';"
                + " choose another role name ('*' alone means unreserved)"),
        arguments("a role with an empty level", "cpus(eng//web):4",
            "invalid resource 'cpus(eng//web):4': role 'eng//web' has an empty segment;"
                + " separate role levels with a single '/' and do not start or end with '/'"),
        arguments("a role that is only a slash", "cpus(/):4",
            "invalid resource 'cpus(/):4': role '/' has an empty segment; separate role levels"
                + " with a single '/' and do not start or end with '/'"),
        arguments("a role with whitespace inside", "cpus(a b):4",
            "invalid resource 'cpus(a b):4': role 'a b' must not contain whitespace or any of"
                + " ()[]{};:"),
        arguments("a range with begin after end", "ports:[5-1]",
            "invalid resource 'ports:[5-1]': range 5-1 has begin greater than end; write it"
                + " as 1-5"),
        arguments("a range that is a single number", "ports:[80]",
            "invalid resource 'ports:[80]': '80' is not a range; write ranges as begin-end"
                + " separated by commas, e.g. [1-5,10-20]"),
        arguments("a negative range bound", "ports:[-1-5]",
            "invalid resource 'ports:[-1-5]': '-1-5' is not a range; write ranges as begin-end"
                + " separated by commas, e.g. [1-5,10-20]"),
        arguments("an empty range between commas", "ports:[1-5,]",
            "invalid resource 'ports:[1-5,]': '' is not a range; write ranges as begin-end"
                + " separated by commas, e.g. [1-5,10-20]"),
        arguments("an unclosed range list", "ports:[1-5",
            "invalid resource 'ports:[1-5': ranges must end with ']', e.g."
                + " 'ports:[31000-32000]'"),
        arguments("a range bound beyond a long", "ports:[1-9223372036854775808]",
            "invalid resource 'ports:[1-9223372036854775808]': range bound 9223372036854775808"
                + " is too large; the largest is 9223372036854775807"),
        arguments("an unclosed set", "disks:{a,b",
            "invalid resource 'disks:{a,b': sets must end with '}', e.g. 'disks:{a,b}'"),
        arguments("an empty set item", "disks:{a,,b}",
            "invalid resource 'disks:{a,,b}': set items must not be empty; write sets as {a,b}"),
        arguments("whitespace inside a set item", "disks:{a b}",
            "invalid resource 'disks:{a b}': set item 'a b' must not contain whitespace or any"
                + " of {},;; write sets as {a,b}"),
        arguments("the bad entry is named, not the whole text", "cpus:1;mem:x",
            "invalid resource 'mem:x': 'x' is not a number; write a decimal such as 4 or 0.5,"
                + " ranges in [ ] or a set in { }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void rejectsBadInputWithAnExplanation(String description, String input, String message) {
    assertThatThrownBy(() -> Resources.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void toStringIsTheTextForm() {
    Resources r = Resources.parse("cpus(a):1;ports:[1-2]");
    assertThat(r.toString()).isEqualTo(r.toText()).isEqualTo("cpus(a):1;ports:[1-2]");
  }

  @Test
  void emptyResourcesPrintAsTheEmptyString() {
    assertThat(Resources.EMPTY.toText()).isEmpty();
    assertThat(Resources.parse("")).isSameAs(Resources.EMPTY);
  }

  @Test
  void theLargestScalarRoundTrips() {
    Resources max = Resources.parse("mem:9223372036854775.807");
    assertThat(max.scalarMillis("mem")).isEqualTo(Long.MAX_VALUE);
    assertThat(Resources.parse(max.toText())).isEqualTo(max);
  }

  @Test
  void theLargestRangeBoundRoundTrips() {
    Resources r = Resources.parse("ports:[0-9223372036854775807]");
    assertThat(Resources.parse(r.toText())).isEqualTo(r);
  }
}
