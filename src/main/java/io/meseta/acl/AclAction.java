package io.meseta.acl;

import java.util.Arrays;
import java.util.Optional;

/**
 * The actions an ACL file governs, each with Mesos' JSON names: the list of rules, the subject
 * field (always {@code principals}) and the object field.
 */
public enum AclAction {
  REGISTER_FRAMEWORKS("register_frameworks", "roles", "register frameworks for role"),
  RUN_TASKS("run_tasks", "users", "run tasks as user"),
  TEARDOWN_FRAMEWORKS("teardown_frameworks", "framework_principals",
      "tear down frameworks of principal"),
  VIEW_FRAMEWORKS("view_frameworks", "users", "view frameworks of user"),
  VIEW_TASKS("view_tasks", "users", "view tasks of user"),
  ACCESS_SANDBOXES("access_sandboxes", "users", "access sandboxes of user"),
  VIEW_ROLES("view_roles", "roles", "view role"),
  UPDATE_WEIGHTS("update_weights", "roles", "update the weight of role"),
  UPDATE_QUOTAS("update_quotas", "roles", "update the quota of role"),
  RESERVE_RESOURCES("reserve_resources", "roles", "reserve resources for role"),
  UNRESERVE_RESOURCES("unreserve_resources", "reserver_principals",
      "unreserve resources reserved by principal"),
  MARK_AGENTS_GONE("mark_agents_gone", "agents", "mark agents gone"),
  DRAIN_AGENTS("drain_agents", "agents", "drain agents");

  public static final String SUBJECT_FIELD = "principals";

  private final String jsonName;
  private final String objectField;
  private final String permission;

  AclAction(String jsonName, String objectField, String permission) {
    this.jsonName = jsonName;
    this.objectField = objectField;
    this.permission = permission;
  }

  public String jsonName() {
    return jsonName;
  }

  public String objectField() {
    return objectField;
  }

  /** What the action lets a principal do, e.g. "run tasks as user". */
  public String permission() {
    return permission;
  }

  /** The action of a JSON key; Mesos' older {@code set_quotas} rules count as update_quotas. */
  static Optional<AclAction> byJsonName(String name) {
    if (name.equals("set_quotas")) {
      return Optional.of(UPDATE_QUOTAS);
    }
    return Arrays.stream(values()).filter(a -> a.jsonName.equals(name)).findFirst();
  }

  static String jsonNames() {
    return String.join(", ", Arrays.stream(values()).map(AclAction::jsonName).toList());
  }
}
