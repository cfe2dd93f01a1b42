package io.meseta.core.allocation;

import io.meseta.core.resources.Resources;
import java.util.HashMap;
import java.util.Map;

/** Operators' quotas by role, and the consumption view the quota stages of a run need. */
final class RoleQuotas {
  private final Map<String, Quota> quotas = new HashMap<>();

  boolean isEmpty() {
    return quotas.isEmpty();
  }

  Map<String, Quota> all() {
    return Map.copyOf(quotas);
  }

  /**
   * Sets (or, with null, removes) the role's quota; true when its limit shrank, so that, as in
   * Mesos, the role's outstanding offers must be rescinded.
   */
  boolean set(String role, Quota quota) {
    Quota before = quota == null ? quotas.remove(role) : quotas.put(role, quota);
    return quota != null && !quota.limit().isEmpty()
        && (before == null || before.limit().isEmpty()
            || !quota.limit().containsQuantities(before.limit()));
  }

  /** What every role holds now (offered or used, by any of its clients), and what is free and unreserved. */
  QuotaGuard guard(FrameworkClients clients, AgentLedger ledger) {
    Map<String, Resources> consumed = new HashMap<>();
    clients.all().forEach((client, role) -> consumed.merge(role,
        ledger.used(client).plus(ledger.offered(client)).scalarsOnly(), Resources::plus));
    Resources free = Resources.EMPTY;
    for (AgentState agent : ledger.all()) {
      free = free.plus(agent.free().unreserved().scalarsOnly());
    }
    return new QuotaGuard(quotas, consumed, free);
  }
}
