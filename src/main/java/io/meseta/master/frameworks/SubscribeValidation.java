package io.meseta.master.frameworks;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** Checks a SUBSCRIBE call the way Mesos does; each problem is named with what to fix. */
final class SubscribeValidation {
  private SubscribeValidation() {}

  /** Returns the problem, or empty when the call is valid. */
  static Optional<String> problem(Call call) {
    if (!call.hasSubscribe()) {
      return Optional.of("Expecting 'subscribe' to be present in a SUBSCRIBE call");
    }
    FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
    if (info.getUser().isBlank()) {
      return Optional.of("'framework_info.user' must be set to the OS user tasks run as");
    }
    if (info.getName().isBlank()) {
      return Optional.of("'framework_info.name' must be set");
    }
    if (call.hasFrameworkId() != info.hasId()
        || (call.hasFrameworkId()
            && !call.getFrameworkId().getValue().equals(info.getId().getValue()))) {
      return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
    }
    if (info.hasId() && info.getId().getValue().isBlank()) {
      return Optional.of("'framework_info.id' must not be empty; leave it out to get a new id");
    }
    Optional<String> roles = rolesProblem(info);
    if (roles.isPresent()) {
      return roles;
    }
    if (!(info.getFailoverTimeout() >= 0) || Double.isInfinite(info.getFailoverTimeout())) {
      return Optional.of("'framework_info.failover_timeout' must be a finite number of seconds >= 0");
    }
    return Optional.empty();
  }

  /**
   * Mesos' rules: a MULTI_ROLE framework lists its roles in {@code roles} and leaves {@code role}
   * unset; any other sets at most the single {@code role}.
   */
  static Optional<String> rolesProblem(FrameworkInfo info) {
    if (FrameworkUpdate.multiRole(info)) {
      if (info.hasRole()) {
        return Optional.of("'framework_info.role' must not be set when the framework has the"
            + " MULTI_ROLE capability; list its roles in 'framework_info.roles' instead");
      }
      if (info.getRolesCount() == 0) {
        return Optional.of("A MULTI_ROLE framework must list its roles in"
            + " 'framework_info.roles', e.g. [\"analytics\", \"batch\"]");
      }
      Set<String> seen = new HashSet<>();
      for (String role : info.getRolesList()) {
        if (!seen.add(role)) {
          return Optional.of("'framework_info.roles' lists role '" + role + "' twice; list each"
              + " role once");
        }
        Optional<String> invalid = roleProblem(role);
        if (invalid.isPresent()) {
          return invalid;
        }
      }
      return Optional.empty();
    }
    if (info.getRolesCount() > 0) {
      return Optional.of("'framework_info.roles' needs the MULTI_ROLE capability: add"
          + " {\"type\":\"MULTI_ROLE\"} to 'framework_info.capabilities', or set the single"
          + " 'framework_info.role' instead");
    }
    return info.hasRole() ? roleProblem(info.getRole()) : Optional.empty();
  }

  private static Optional<String> roleProblem(String role) {
    return role.equals("*") || validRole(role) ? Optional.empty()
        : Optional.of("Invalid role '" + role + "': a role is non-empty, not '.' or '..',"
            + " has no whitespace and does not start with '-'");
  }

  private static boolean validRole(String role) {
    return !role.isEmpty() && !role.equals(".") && !role.equals("..") && !role.startsWith("-")
        && role.chars().noneMatch(Character::isWhitespace);
  }
}
