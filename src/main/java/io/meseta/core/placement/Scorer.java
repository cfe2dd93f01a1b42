package io.meseta.core.placement;

import io.meseta.core.resources.Resources;
import java.util.Locale;

/**
 * Ranks feasible agents for a task; higher is better. Scores look at cpus and mem (the
 * dimensions every task asks for) relative to the agent's size, so big and small agents compare.
 */
public enum Scorer {
  /** Least left over after placement: packs agents full, keeps whole agents free for big tasks. */
  BEST_FIT {
    @Override
    public double score(TaskShape task, Candidate agent) {
      return 1.0 - leftAfter(task, agent);
    }
  },
  /**
   * Tetris-style alignment: the dot product of the task's demand and the agent's free vector,
   * so a cpu-heavy task goes where cpus are plentiful relative to memory, and the other way round.
   */
  DOT_PRODUCT {
    @Override
    public double score(TaskShape task, Candidate agent) {
      double sum = 0;
      for (String r : DIMENSIONS) {
        double total = agent.total().scalar(r);
        if (total > 0) {
          sum += (task.resources().scalar(r) / total) * (agent.free().scalar(r) / total);
        }
      }
      return sum;
    }
  },
  /** Most left over: spreads tasks across agents (fewer eggs per basket). */
  SPREAD {
    @Override
    public double score(TaskShape task, Candidate agent) {
      return leftAfter(task, agent);
    }
  };

  private static final String[] DIMENSIONS = {"cpus", "mem"};

  public abstract double score(TaskShape task, Candidate agent);

  /** Mean fraction of cpus and mem still free once the task is placed. */
  private static double leftAfter(TaskShape task, Candidate agent) {
    Resources need = task.resources();
    double sum = 0;
    int dims = 0;
    for (String r : DIMENSIONS) {
      double total = agent.total().scalar(r);
      if (total > 0) {
        sum += (agent.free().scalar(r) - need.scalar(r)) / total;
        dims++;
      }
    }
    return dims == 0 ? 0 : sum / dims;
  }

  public static Scorer parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown placement scorer '" + name + "'; use one of best-fit, dot-product, spread");
    }
  }
}
