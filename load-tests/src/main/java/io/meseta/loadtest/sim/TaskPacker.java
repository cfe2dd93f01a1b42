package io.meseta.loadtest.sim;

import io.meseta.core.resources.Resources;

/**
 * First-fit packing of identical tasks into one offer, the way a simple Meseta framework launches: take tasks
 * while the rest of the offer still contains one more. Shared by the simulated frameworks and the Fenzo
 * side-by-side benchmark, so both measure the same framework-side work.
 */
public final class TaskPacker {
  private TaskPacker() {}

  /** How many tasks of {@code task} fit in {@code offered}, at most {@code limit}. */
  public static int fit(Resources offered, Resources task, int limit) {
    if (task.isEmpty()) {
      throw new IllegalArgumentException("a task must use some resources; give it at least cpus or mem");
    }
    int count = 0;
    Resources rest = offered;
    while (count < limit && rest.contains(task)) {
      rest = rest.minus(task);
      count++;
    }
    return count;
  }
}
