package io.meseta.acl;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * {@code register_frameworks} for a framework's SUBSCRIBE or UPDATE_FRAMEWORK: its principal
 * (the authenticated one, which the gateway has already matched against
 * {@code FrameworkInfo.principal}; with authentication off, the one it claims, as Mesos does) may
 * register for each of its roles.
 */
public final class FrameworkAuthorization {
  private FrameworkAuthorization() {}

  public static Optional<String> registerDenial(Acls acls, FrameworkInfo info) {
    String principal = principalOf(info);
    for (String role : rolesOf(info)) {
      Optional<String> denial = acls.denial(AclAction.REGISTER_FRAMEWORKS, principal, role);
      if (denial.isPresent()) {
        return denial;
      }
    }
    return Optional.empty();
  }

  /** The framework's principal, or null when it has none. */
  public static String principalOf(FrameworkInfo info) {
    return info != null && info.hasPrincipal() && !info.getPrincipal().isEmpty()
        ? info.getPrincipal() : null;
  }

  /** {@code roles} of a MULTI_ROLE framework, else its {@code role} ("*" by default). */
  static List<String> rolesOf(FrameworkInfo info) {
    boolean multiRole = info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
    if (multiRole && info.getRolesCount() > 0) {
      return info.getRolesList();
    }
    return List.of(info.hasRole() ? info.getRole() : "*");
  }
}
