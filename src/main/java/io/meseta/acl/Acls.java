package io.meseta.acl;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master's ACLs, evaluated as Mesos' local authorizer does: for an action, the first rule
 * whose subject and object both match the request decides (allowed only if both entities allow
 * it); when no rule matches, {@code permissive} decides (Mesos' default: true). Without an ACL
 * file ({@link #none()}) every request is allowed.
 *
 * <p>A request names its principal, or null when it carries none (authentication off, an
 * anonymous operator): that is {@code ANY}, which only rules with {@code "type":"ANY"} subjects
 * allow. The object is one value (a role, a user, a principal), or null for "no particular one".
 */
public final class Acls {
  private static final Acls NONE = new Acls(false, true, Map.of());

  private final boolean configured;
  private final boolean permissive;
  private final Map<AclAction, List<Rule>> rules;

  private Acls(boolean configured, boolean permissive, Map<AclAction, List<Rule>> rules) {
    this.configured = configured;
    this.permissive = permissive;
    this.rules = rules.isEmpty() ? Map.of() : new EnumMap<>(rules);
  }

  /** No ACL file: everything is allowed. */
  public static Acls none() {
    return NONE;
  }

  public static Acls of(boolean permissive, Map<AclAction, List<Rule>> rules) {
    return new Acls(true, permissive, rules);
  }

  /** Whether an ACL file was given (so that views need filtering at all). */
  public boolean configured() {
    return configured;
  }

  public boolean allows(AclAction action, String principal, String object) {
    if (!configured) {
      return true;
    }
    AclEntity subject = AclEntity.request(principal);
    AclEntity target = AclEntity.request(object);
    for (Rule rule : rules.getOrDefault(action, List.of())) {
      if (rule.principals().matches(subject) && rule.objects().matches(target)) {
        return rule.principals().allows(subject) && rule.objects().allows(target);
      }
    }
    return permissive;
  }

  /**
   * Why the request is refused, e.g. "Forbidden: principal 'a' may not register frameworks for
   * role 'prod' (ACL 'register_frameworks')", or empty when it is allowed.
   */
  public Optional<String> denial(AclAction action, String principal, String object) {
    if (allows(action, principal, object)) {
      return Optional.empty();
    }
    String who = principal == null ? "a request without a principal" : "principal '"
        + principal + "'";
    String what = object == null ? "" : " '" + object + "'";
    return Optional.of("Forbidden: " + who + " may not " + action.permission() + what
        + " (ACL '" + action.jsonName() + "'): ask the operator for that permission"
        + (principal == null ? ", or authenticate" : ""));
  }

  /** One rule of an action's list: who ({@code principals}) may act on what. */
  public record Rule(AclEntity principals, AclEntity objects) {}
}
