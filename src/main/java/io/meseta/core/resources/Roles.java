package io.meseta.core.resources;

import java.util.Optional;

/**
 * Role names as Mesos validates them ({@code roles::validate}), for callers outside this package
 * that take a role on its own (weights, quotas) rather than inside a resource.
 */
public final class Roles {
  private Roles() {}

  /** What is wrong with {@code role} as a role name ("*" is valid), or empty when it is fine. */
  public static Optional<String> problem(String role) {
    return Optional.ofNullable(ResourceRules.roleProblem(role));
  }
}
