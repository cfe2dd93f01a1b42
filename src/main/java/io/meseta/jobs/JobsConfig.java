package io.meseta.jobs;

import io.meseta.core.placement.Scorer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the job service ({@code jobs:} in conf/meseta.yaml).
 *
 * @param role the role the service's framework subscribes with
 * @param queues per-queue policies; other queues use {@code queues.defaultPolicy()}
 * @param defragment when a pending job fits on no agent though enough is free in total, move
 *     restartable lower-priority jobs of the service off one agent to open a hole for it
 */
public record JobsConfig(boolean enabled, String role, JobQueues queues, Scorer scorer,
    boolean defragment) {

  public JobsConfig {
    role = role == null || role.isBlank() ? "*" : role;
  }

  /** Without defragmentation. */
  public JobsConfig(boolean enabled, String role, JobQueues queues, Scorer scorer) {
    this(enabled, role, queues, scorer, false);
  }

  public JobsConfig withDefragment(boolean on) {
    return new JobsConfig(enabled, role, queues, scorer, on);
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
    return parse(enabled, role, queuePolicy, queuePolicies, scorer, agingPerMinute, "false");
  }

  /** As above, with {@code jobs.defragment} (true or false). */
  public static JobsConfig parse(String enabled, String role, String queuePolicy,
      String queuePolicies, String scorer, String agingPerMinute, String defragment) {
    requireBoolean("jobs.enabled", enabled);
    requireBoolean("jobs.defragment", defragment);
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
        new JobQueues(QueuePolicy.parse(queuePolicy), perQueue, aging), Scorer.parse(scorer),
        Boolean.parseBoolean(defragment.trim()));
  }

  private static void requireBoolean(String key, String value) {
    if (!value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }
  }
}
