package io.meseta.master.frameworks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * What may change when a framework re-subscribes or sends UPDATE_FRAMEWORK (Mesos 1.11
 * {@code validation::framework::validateUpdate}): every problem is named with what to fix, and a
 * rejected update changes nothing.
 */
final class FrameworkUpdate {
  private FrameworkUpdate() {}

  /** Checks an UPDATE_FRAMEWORK of the framework whose current FrameworkInfo is {@code old}. */
  static Optional<String> problem(FrameworkInfo old, Call.UpdateFramework update) {
    FrameworkInfo info = update.getFrameworkInfo();
    // The new FrameworkInfo must be valid on its own, exactly as in a SUBSCRIBE.
    Optional<String> invalid = SubscribeValidation.problem(Call.newBuilder()
        .setType(Call.Type.SUBSCRIBE)
        .setFrameworkId(info.getId())
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info))
        .build());
    return invalid
        .or(() -> principalChange(old, info))
        .or(() -> !info.getUser().equals(old.getUser())
            ? Optional.of("Updating 'FrameworkInfo.user' is unsupported; attempted to update from '"
                + old.getUser() + "' to '" + info.getUser() + "'")
            : Optional.empty())
        .or(() -> info.getCheckpoint() != old.getCheckpoint()
            ? Optional.of("Updating 'FrameworkInfo.checkpoint' is unsupported; attempted to update"
                + " from '" + old.getCheckpoint() + "' to '" + info.getCheckpoint() + "'")
            : Optional.empty())
        .or(() -> multiRole(info) != multiRole(old)
            ? Optional.of("Adding or removing the MULTI_ROLE capability is not supported; keep"
                + " the capabilities the framework subscribed with (roles may change)")
            : Optional.empty())
        .or(() -> suppressedRolesProblem(info, update.getSuppressedRolesList()));
  }

  /** Mesos refuses a principal change on re-subscribe and on UPDATE_FRAMEWORK alike. */
  static Optional<String> principalChange(FrameworkInfo old, FrameworkInfo info) {
    String before = old.hasPrincipal() ? old.getPrincipal() : null;
    String after = info.hasPrincipal() ? info.getPrincipal() : null;
    return Objects.equals(before, after)
        ? Optional.empty()
        : Optional.of("Changing framework's principal is not allowed.");
  }

  /** Suppressed roles must be roles of the framework. */
  static Optional<String> suppressedRolesProblem(FrameworkInfo info, List<String> suppressed) {
    TreeSet<String> unknown = new TreeSet<>(suppressed);
    unknown.removeAll(rolesOf(info));
    return unknown.isEmpty()
        ? Optional.empty()
        : Optional.of("Suppressed roles " + unknown + " are not contained in the set of roles");
  }

  static boolean multiRole(FrameworkInfo info) {
    return info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
  }

  /** Every role of the framework: its {@code roles} if MULTI_ROLE, else its one role. */
  static List<String> rolesOf(FrameworkInfo info) {
    return multiRole(info) ? info.getRolesList() : List.of(roleOf(info));
  }

  static String roleOf(FrameworkInfo info) {
    if (info.getRolesCount() > 0) {
      return info.getRoles(0);
    }
    return info.hasRole() ? info.getRole() : "*";
  }
}
