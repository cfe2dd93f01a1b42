package io.meseta.core.allocation;

import java.util.Objects;

/**
 * One role's requested quota, as an operator's update names it. A quota with neither guarantee
 * nor limit is Mesos' default quota: the role's quota is removed.
 */
public record RoleQuota(String role, Quota quota) implements java.io.Serializable {
  public RoleQuota {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(quota, "quota");
  }

  public boolean removes() {
    return quota.guarantee().isEmpty() && quota.limit().isEmpty();
  }
}
