package io.meseta.master.frameworks;

import java.util.Optional;
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
    if (info.getRolesCount() > 1) {
      return Optional.of("A framework may subscribe to one role in this version; got "
          + info.getRolesList() + ". Subscribe once per role, or wait for multi-role support");
    }
    String role = info.getRolesCount() == 1 ? info.getRoles(0) : info.getRole();
    if (info.getRolesCount() == 1 && !role.equals("*") && !validRole(role)) {
      return Optional.of("Invalid role '" + role + "': a role is non-empty, not '.' or '..',"
          + " has no whitespace and does not start with '-'");
    }
    if (!(info.getFailoverTimeout() >= 0) || Double.isInfinite(info.getFailoverTimeout())) {
      return Optional.of("'framework_info.failover_timeout' must be a finite number of seconds >= 0");
    }
    return Optional.empty();
  }

  private static boolean validRole(String role) {
    return !role.isEmpty() && !role.equals(".") && !role.equals("..") && !role.startsWith("-")
        && role.chars().noneMatch(Character::isWhitespace);
  }
}
