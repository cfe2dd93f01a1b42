package io.meseta.jobs;

import io.meseta.core.placement.Scorer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the job service ({@code jobs:} in conf/meseta.yaml).
 *
 * @param role the role the service's framework subscribes with
 * @param queues per-queue policies; other queues use {@code queues.defaultPolicy()}
 */
public record JobsConfig(boolean enabled, String role, JobQueues queues, Scorer scorer) {

  public JobsConfig {
    role = role == null || role.isBlank() ? "*" : role;
  }

  public static JobsConfig defaults() {
    return new JobsConfig(true, "*", new JobQueues(QueuePolicy.FCFS, Map.of(), 1.0),
        Scorer.BEST_FIT);
  }

  /**
   * From the settings' text values; each bad one is named in the error.
   *
   * @param queuePolicies per-queue policies, e.g. "batch=sjf,urgent=priority" (may be empty)
   */
  public static JobsConfig parse(String enabled, String role, String queuePolicy,
      String queuePolicies, String scorer, String agingPerMinute) {
    if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("jobs.enabled must be true or false, got '" + enabled
          + "'");
    }
    double aging;
    try {
      aging = Double.parseDouble(agingPerMinute.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("jobs.aging_per_minute must be a number such as 1.0,"
          + " got '" + agingPerMinute + "'");
    }
    Map<String, QueuePolicy> perQueue = new LinkedHashMap<>();
    for (String pair : queuePolicies.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException("jobs.queues must read QUEUE=POLICY[,...], e.g."
            + " \"batch=sjf,urgent=priority\", got '" + queuePolicies + "'");
      }
      perQueue.put(kv[0].trim(), QueuePolicy.parse(kv[1]));
    }
    return new JobsConfig(Boolean.parseBoolean(enabled.trim()), role,
        new JobQueues(QueuePolicy.parse(queuePolicy), perQueue, aging), Scorer.parse(scorer));
  }
}
