package io.meseta.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.resources.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole-update checks of operators' weight and quota updates, one case per row. */
class RolePolicyChecksTest {
  /** Role "busy" runs tasks holding 2 cpus and 512 mem; every other role holds nothing. */
  private static final Function<String, Resources> CONSUMED = role ->
      role.equals("busy") ? Resources.parse("cpus:2;mem:512") : Resources.EMPTY;

  private static Map<String, Double> weights(Object... roleWeight) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < roleWeight.length; i += 2) {
      map.put((String) roleWeight[i], (Double) roleWeight[i + 1]);
    }
    return map;
  }

  static Stream<Arguments> weightCases() {
    return Stream.of(
        Arguments.of("one valid weight", weights("dev", 2.0), null),
        Arguments.of("fractional weight and the '*' role", weights("*", 0.5, "a/b", 3.0), null),
        Arguments.of("nothing to set", weights(), "no weights given"),
        Arguments.of("zero weight", weights("dev", 0.0), "weight of role 'dev' must be a finite"
            + " number greater than 0, got 0.0"),
        Arguments.of("negative weight, after a good one: all refused",
            weights("ok", 1.0, "dev", -1.0), "weight of role 'dev'"),
        Arguments.of("NaN weight", weights("dev", Double.NaN), "got NaN"),
        Arguments.of("infinite weight", weights("dev", Double.POSITIVE_INFINITY), "got Infinity"),
        Arguments.of("empty role", weights("", 1.0), "invalid role '' in the weight update"),
        Arguments.of("role with a space", weights("my role", 1.0),
            "role 'my role' must not contain whitespace"),
        Arguments.of("role '..'", weights("..", 1.0), "uses the reserved name '..'"),
        Arguments.of("role starting with '-'", weights("-x", 1.0), "must not start a level"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("weightCases")
  void weights(String name, Map<String, Double> update, String problem) {
    assertProblem(RolePolicyChecks.weights(update), problem);
  }

  private static RoleQuota quota(String role, String guarantee, String limit) {
    return new RoleQuota(role, new Quota(Resources.parse(guarantee), Resources.parse(limit)));
  }

  static Stream<Arguments> quotaCases() {
    return Stream.of(
        Arguments.of("a limit", List.of(quota("dev", "", "cpus:10;mem:2048")), false, null),
        Arguments.of("a guarantee under its limit", List.of(quota("dev", "cpus:1", "cpus:10")),
            false, null),
        Arguments.of("removal (no guarantee, no limit)", List.of(quota("dev", "", "")), false,
            null),
        Arguments.of("limit at exactly what the role consumes",
            List.of(quota("busy", "", "cpus:2;mem:512")), false, null),
        Arguments.of("nothing to set", List.of(), false, "no quota configs given"),
        Arguments.of("limit below consumption",
            List.of(quota("busy", "", "cpus:1;mem:4096")), false,
            "role 'busy' consumed cpus:2.0 > limit cpus:1.0; use force to override"),
        Arguments.of("limit below consumption, forced",
            List.of(quota("busy", "", "cpus:1")), true, null),
        Arguments.of("a good role then one over its limit: all refused",
            List.of(quota("dev", "", "cpus:1"), quota("busy", "", "mem:100")), false,
            "consumed mem:512.0 > limit mem:100.0"),
        Arguments.of("the same role twice",
            List.of(quota("dev", "", "cpus:1"), quota("dev", "", "cpus:2")), false,
            "role 'dev' appears more than once"),
        Arguments.of("the '*' role", List.of(quota("*", "", "cpus:1")), false,
            "quota cannot be set on the '*' role"),
        Arguments.of("an invalid role", List.of(quota("a b", "", "cpus:1")), false,
            "invalid role 'a b' in the quota update"),
        Arguments.of("ports as a scalar", List.of(quota("dev", "", "ports:100")), false,
            "names 'ports', which is not a scalar resource"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quotaCases")
  void quotas(String name, List<RoleQuota> update, boolean force, String problem) {
    assertProblem(RolePolicyChecks.quotas(update, force, CONSUMED), problem);
  }

  private static void assertProblem(Optional<String> actual, String expected) {
    if (expected == null) {
      assertThat(actual).isEmpty();
    } else {
      assertThat(actual).hasValueSatisfying(p -> assertThat(p).contains(expected));
    }
  }
}
