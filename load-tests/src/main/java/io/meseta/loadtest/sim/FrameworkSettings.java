package io.meseta.loadtest.sim;

import io.meseta.core.resources.Resources;

/**
 * What a simulated framework launches.
 *
 * @param taskResources resources of every task, Mesos text form parsed
 * @param taskMillis how long each task runs on the simulated agent (sent as {@link TaskDuration}'s variable)
 * @param maxTasksPerOffer at most this many tasks per offer
 * @param refuseSeconds refusal filter on declined offers and on the unused rest of accepted ones
 */
public record FrameworkSettings(Resources taskResources, long taskMillis, int maxTasksPerOffer,
    double refuseSeconds) {
  public FrameworkSettings {
    if (taskResources.isEmpty()) {
      throw new IllegalArgumentException("task resources must not be empty; use e.g. cpus:1;mem:1024");
    }
    if (taskMillis < 0 || maxTasksPerOffer < 1 || refuseSeconds < 0) {
      throw new IllegalArgumentException("task millis and refuse seconds must be >= 0 and tasks per offer >= 1");
    }
  }
}
