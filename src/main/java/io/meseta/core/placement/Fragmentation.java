package io.meseta.core.placement;

import io.meseta.core.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much free capacity is wasted in fragments, relative to what is waiting: the share of each
 * free scalar that sits on agents where no pending task fits, and the largest shape that could
 * still be placed (the biggest free block on one agent).
 *
 * @param fragmentedShare per resource name, fragmented free / total free (0 when nothing is free)
 * @param largestPlaceable the free resources of the agent with the largest free block
 */
public record Fragmentation(Map<String, Double> fragmentedShare, Resources largestPlaceable) {
  private static final List<String> MEASURED = List.of("cpus", "mem", "disk", "gpus");

  public static Fragmentation measure(List<TaskShape> pending, List<Candidate> agents) {
    Map<String, Double> free = new TreeMap<>();
    Map<String, Double> fragmented = new TreeMap<>();
    Resources largest = Resources.EMPTY;
    double largestSize = -1;
    for (Candidate agent : agents) {
      Resources agentFree = agent.free().scalarsOnly();
      boolean fitsAny = pending.stream().anyMatch(task ->
          FeasibilityChecks.CONSTRAINTS.check(task, agent).isEmpty()
              && agentFree.containsQuantities(task.resources().scalarsOnly()));
      for (String r : MEASURED) {
        double amount = agentFree.scalar(r);
        free.merge(r, amount, Double::sum);
        if (!fitsAny && !pending.isEmpty()) {
          fragmented.merge(r, amount, Double::sum);
        }
      }
      // Size of a block: cpus first (every task asks for them), memory breaks ties.
      double size = agentFree.scalar("cpus") * 1e9 + agentFree.scalar("mem");
      if (size > largestSize) {
        largestSize = size;
        largest = agentFree;
      }
    }
    Map<String, Double> share = new TreeMap<>();
    for (String r : MEASURED) {
      double total = free.getOrDefault(r, 0.0);
      if (total > 0) {
        share.put(r, fragmented.getOrDefault(r, 0.0) / total);
      }
    }
    return new Fragmentation(Map.copyOf(share), largest);
  }
}
