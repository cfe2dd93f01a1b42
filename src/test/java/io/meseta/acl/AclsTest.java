package io.meseta.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The evaluator as tables: Mesos matching, first match wins, permissive decides the rest. */
class AclsTest {
  private static final Acls ACLS = AclsJson.parse("""
      {"permissive": false,
       "register_frameworks": [
         {"principals": {"values": ["mallory"]}, "roles": {"type": "ANY"}},
         {"principals": {"values": ["a"]}, "roles": {"values": ["analytics", "batch"]}},
         {"principals": {"type": "NONE"}, "roles": {"values": ["prod"]}},
         {"principals": {"type": "ANY"}, "roles": {"values": ["*"]}}],
       "run_tasks": [
         {"principals": {"type": "ANY"}, "users": {"values": ["root"]}},
         {"principals": {"values": ["a", "b"]}, "users": {"type": "ANY"}}],
       "teardown_frameworks": [
         {"principals": {"values": ["ops"]}, "framework_principals": {"type": "ANY"}},
         {"principals": {"type": "ANY"}, "framework_principals": {"type": "NONE"}}],
       "set_quotas": [
         {"principals": {"values": ["ops"]}, "roles": {"type": "ANY"}}]
      }""", "test-acls.json");

  static Stream<Arguments> decisions() {
    return Stream.of(
        // The first rule matches mallory for any role: ANY object allows, so she may register.
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, "mallory", "prod", true),
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, "a", "analytics", true),
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, "a", "batch", true),
        // Rule 3 (NONE principals) matches anyone for prod and refuses: first match decides.
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, "a", "prod", false),
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, "b", "prod", false),
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, "b", "*", true),
        // No rule matches b for analytics: permissive false refuses.
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, "b", "analytics", false),
        // Without a principal (ANY): only an ANY subject allows.
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, null, "*", true),
        Arguments.of(AclAction.REGISTER_FRAMEWORKS, null, "analytics", false),
        // run_tasks: root is matched by rule 1 and allowed for everyone; others only a, b.
        Arguments.of(AclAction.RUN_TASKS, "c", "root", true),
        Arguments.of(AclAction.RUN_TASKS, "a", "nobody", true),
        Arguments.of(AclAction.RUN_TASKS, "c", "nobody", false),
        // A task without a user (null object) is matched only by ANY/NONE objects.
        Arguments.of(AclAction.RUN_TASKS, "a", null, true),
        Arguments.of(AclAction.RUN_TASKS, "c", null, false),
        Arguments.of(AclAction.TEARDOWN_FRAMEWORKS, "ops", "a", true),
        Arguments.of(AclAction.TEARDOWN_FRAMEWORKS, "a", "a", false),
        Arguments.of(AclAction.TEARDOWN_FRAMEWORKS, null, "a", false),
        // set_quotas is Mesos' older name of update_quotas.
        Arguments.of(AclAction.UPDATE_QUOTAS, "ops", "analytics", true),
        Arguments.of(AclAction.UPDATE_QUOTAS, "a", "analytics", false),
        // No rules at all for an action: permissive decides.
        Arguments.of(AclAction.VIEW_FRAMEWORKS, "a", "alice", false));
  }

  @ParameterizedTest(name = "{0}: {1} on {2} -> {3}")
  @MethodSource("decisions")
  void decides(AclAction action, String principal, String object, boolean allowed) {
    assertThat(ACLS.allows(action, principal, object)).isEqualTo(allowed);
  }

  @Test
  void permissiveAllowsWhatNoRuleMatches() {
    Acls acls = AclsJson.parse("""
        {"run_tasks": [{"principals": {"values": ["a"]}, "users": {"type": "NONE"}}]}""", "f");
    assertThat(acls.allows(AclAction.RUN_TASKS, "a", "alice")).isFalse();
    assertThat(acls.allows(AclAction.RUN_TASKS, "b", "alice")).isTrue();
    assertThat(acls.allows(AclAction.VIEW_TASKS, null, "alice")).isTrue();
  }

  @Test
  void withoutAnAclFileEverythingIsAllowed() {
    assertThat(Acls.none().configured()).isFalse();
    for (AclAction action : AclAction.values()) {
      assertThat(Acls.none().allows(action, null, "root")).isTrue();
    }
  }

  @Test
  void denialNamesPrincipalPermissionObjectAndAcl() {
    assertThat(ACLS.denial(AclAction.REGISTER_FRAMEWORKS, "b", "analytics")).contains(
        "Forbidden: principal 'b' may not register frameworks for role 'analytics'"
            + " (ACL 'register_frameworks'): ask the operator for that permission");
    assertThat(ACLS.denial(AclAction.REGISTER_FRAMEWORKS, null, "prod").orElseThrow())
        .startsWith("Forbidden: a request without a principal may not register")
        .endsWith(", or authenticate");
    assertThat(ACLS.denial(AclAction.REGISTER_FRAMEWORKS, "a", "batch")).isEmpty();
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("[]", "must be a JSON object"),
        Arguments.of("{", "is not JSON"),
        Arguments.of("{\"permissive\": \"no\"}", "'permissive' must be true or false"),
        Arguments.of("{\"register_framework\": []}", "unknown ACL 'register_framework'"),
        Arguments.of("{\"run_tasks\": {}}", "run_tasks must be a list of rules"),
        Arguments.of("{\"run_tasks\": [{\"principals\": {\"type\": \"ANY\"}}]}",
            "run_tasks[0].users is missing"),
        Arguments.of("{\"run_tasks\": [{\"principals\": {\"type\": \"ANY\"},"
            + " \"roles\": {\"type\": \"ANY\"}}]}", "unknown field 'roles'"),
        Arguments.of("{\"run_tasks\": [{\"principals\": {\"type\": \"ALL\"},"
            + " \"users\": {\"type\": \"ANY\"}}]}", "type 'ALL' is not ANY or NONE"),
        Arguments.of("{\"run_tasks\": [{\"principals\": {\"values\": []},"
            + " \"users\": {\"type\": \"ANY\"}}]}", "at least one value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aBadFileSaysWhatIsWrong(String json, String expected) {
    assertThatThrownBy(() -> AclsJson.parse(json, "acls.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acls.json")
        .hasMessageContaining(expected);
  }
}
