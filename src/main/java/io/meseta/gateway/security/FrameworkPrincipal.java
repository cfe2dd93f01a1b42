package io.meseta.gateway.security;

import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * A framework subscribes as the principal it authenticated as (Mesos: "Authenticated principal
 * ... does not match principal ... set in FrameworkInfo"), so one principal's credentials cannot
 * register or take over another principal's framework. Answered 403.
 */
public final class FrameworkPrincipal {
  private FrameworkPrincipal() {}

  /** The mismatch, or empty when authentication is off or the principals agree. */
  public static Optional<String> mismatch(Optional<String> authenticated, FrameworkInfo info) {
    if (authenticated.isEmpty()) {
      return Optional.empty();
    }
    String principal = authenticated.get();
    if (info.hasPrincipal() && info.getPrincipal().equals(principal)) {
      return Optional.empty();
    }
    return Optional.of("Authenticated principal '" + principal + "' does not match principal '"
        + info.getPrincipal() + "' set in FrameworkInfo: set framework_info.principal to '"
        + principal + "' or authenticate as '" + info.getPrincipal() + "'");
  }
}
