package io.meseta.core.allocation;

import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import io.meseta.core.resources.Roles;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Checks of an operator's weight and quota updates, run on the whole update before any of it is
 * applied: one bad entry rejects the update and nothing changes. Each answer says what was wrong
 * and what to send instead.
 */
public final class RolePolicyChecks {
  private RolePolicyChecks() {}

  public static Optional<String> weights(Map<String, Double> weights) {
    if (weights.isEmpty()) {
      return Optional.of("no weights given: send at least one {\"role\": ..., \"weight\": ...}");
    }
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      Optional<String> badRole = roleProblem(entry.getKey(), "weight");
      if (badRole.isPresent()) {
        return badRole;
      }
      Double weight = entry.getValue();
      if (weight == null || !(weight > 0) || weight.isInfinite()) {
        return Optional.of("weight of role '" + entry.getKey() + "' must be a finite number"
            + " greater than 0, got " + weight + "; 1.0 is the default weight");
      }
    }
    return Optional.empty();
  }

  /**
   * @param consumedByRole what each role's tasks hold now (scalars); without {@code force} a limit
   *     below it is refused, as in Mesos, since lowering it would not free anything
   */
  public static Optional<String> quotas(List<RoleQuota> updates, boolean force,
      Function<String, Resources> consumedByRole) {
    if (updates.isEmpty()) {
      return Optional.of("no quota configs given: send at least one {\"role\": ...,"
          + " \"guarantees\": {...}, \"limits\": {...}}");
    }
    Set<String> seen = new HashSet<>();
    for (RoleQuota update : updates) {
      String role = update.role();
      if (!seen.add(role)) {
        return Optional.of("role '" + role + "' appears more than once in the quota update;"
            + " send one config per role");
      }
      if (role.equals(Resource.UNRESERVED)) {
        return Optional.of("quota cannot be set on the '*' role, which holds unreserved"
            + " resources for everyone; name a role such as 'dev'");
      }
      Optional<String> badRole = roleProblem(role, "quota");
      if (badRole.isPresent()) {
        return badRole;
      }
      Optional<String> nonScalar = nonScalarName(update.quota());
      if (nonScalar.isPresent()) {
        return Optional.of("quota of role '" + role + "' names '" + nonScalar.get() + "', which is"
            + " not a scalar resource; quotas may name scalars only (cpus, mem, disk, gpus, ...)");
      }
      if (!force) {
        Optional<String> over = overLimit(role, update.quota().limit(),
            consumedByRole.apply(role).scalarsOnly().withoutRoles());
        if (over.isPresent()) {
          return over;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> roleProblem(String role, String what) {
    return Roles.problem(role).map(p -> "invalid role '" + role + "' in the " + what
        + " update: " + p);
  }

  /** Mesos' well-known non-scalar names; custom names are taken to be scalars. */
  private static Optional<String> nonScalarName(Quota quota) {
    for (String name : List.of("ports", "ephemeral_ports")) {
      if (quota.guarantee().scalarNames().contains(name)
          || quota.limit().scalarNames().contains(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> overLimit(String role, Resources limit, Resources consumed) {
    StringJoiner consumedText = new StringJoiner("; ");
    StringJoiner limitText = new StringJoiner("; ");
    for (String name : limit.scalarNames()) {
      if (consumed.scalarMillis(name) > limit.scalarMillis(name)) {
        consumedText.add(name + ":" + consumed.scalar(name));
        limitText.add(name + ":" + limit.scalar(name));
      }
    }
    if (consumedText.length() == 0) {
      return Optional.empty();
    }
    return Optional.of("role '" + role + "' consumed " + consumedText + " > limit " + limitText
        + "; use force to override (running tasks are not stopped, the role just gets no"
        + " more until it is below the limit), or raise the limit");
  }
}
