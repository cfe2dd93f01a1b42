package io.meseta.core.placement;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans one hole for a task that fits on no agent although enough is free in total: on each
 * agent that meets its constraints and is big enough, take movable tasks (lower priority,
 * restartable) cheapest first until the task fits, then give back those it can do without. Of
 * those agents the winner is, in order: one whose moved tasks fit in the free room of the other
 * agents (they restart at once rather than wait), the fewest moved, the lowest top priority among
 * them, the least moved (cpus, then mem), the smaller agent id. Only free room is planned with:
 * a task short of resources in total is preemption's business, not this one's.
 */
public final class Defragmenter {
  /** A running task that may be moved: where it runs, its priority, what it holds. */
  public record Movable(String id, AgentId agent, int priority, Resources resources) {}

  /** Move {@code moved} off {@code agent} to make room; {@code why} says so for people. */
  public record Hole(AgentId agent, List<Movable> moved, boolean movedFitElsewhere, String why) {
    public Hole {
      moved = List.copyOf(moved);
    }

    public List<String> movedIds() {
      return moved.stream().map(Movable::id).toList();
    }
  }

  private static final Comparator<Movable> CHEAPEST_FIRST =
      Comparator.comparingInt(Movable::priority)
          .thenComparingDouble(m -> -size(m.resources()))
          .thenComparing(Movable::id);

  private static final Comparator<Hole> BEST =
      Comparator.comparing((Hole h) -> !h.movedFitElsewhere())
          .thenComparingInt(h -> h.moved().size())
          .thenComparingInt(h -> h.moved().stream().mapToInt(Movable::priority).max().orElse(0))
          .thenComparingDouble(h -> h.moved().stream().mapToDouble(m -> size(m.resources())).sum())
          .thenComparing(Hole::agent);

  private Defragmenter() {}

  /**
   * @param task what waits
   * @param priority its priority: only tasks strictly below it are moved
   * @param agents every agent, with what is free on it now
   * @param movable the tasks that may be moved, anywhere
   */
  public static Optional<Hole> plan(TaskShape task, int priority, List<Candidate> agents,
      List<Movable> movable) {
    Resources need = task.resources().scalarsOnly();
    Resources totalFree = agents.stream().map(a -> a.free().scalarsOnly())
        .reduce(Resources.EMPTY, Resources::plus);
    if (!totalFree.containsQuantities(need) || agents.stream().anyMatch(a -> fits(task, a))) {
      return Optional.empty();
    }
    List<Hole> options = new ArrayList<>();
    for (Candidate agent : agents) {
      if (FeasibilityChecks.CONSTRAINTS.check(task, agent).isEmpty()
          && agent.total().containsQuantities(need)) {
        hole(need, priority, agent, agents, movable).ifPresent(options::add);
      }
    }
    return options.stream().min(BEST);
  }

  private static boolean fits(TaskShape task, Candidate agent) {
    return FeasibilityChecks.CONSTRAINTS.check(task, agent).isEmpty()
        && FeasibilityChecks.RESOURCES.check(task, agent).isEmpty();
  }

  private static Optional<Hole> hole(Resources need, int priority, Candidate agent,
      List<Candidate> agents, List<Movable> movable) {
    List<Movable> eligible = movable.stream()
        .filter(m -> m.agent().equals(agent.id()) && m.priority() < priority)
        .sorted(CHEAPEST_FIRST).toList();
    List<Movable> moved = RoomMaking.fewestToRemove(agent.free().scalarsOnly(), need, eligible,
        m -> m.resources().scalarsOnly()).orElse(List.of());
    if (moved.isEmpty()) {
      return Optional.empty();
    }
    boolean refit = fitElsewhere(moved, agent.id(), agents);
    return Optional.of(new Hole(agent.id(), moved, refit, why(agent.id(), moved, need, refit)));
  }

  /** Whether the moved tasks, largest first, each find room on some other agent. */
  private static boolean fitElsewhere(List<Movable> moved, AgentId hole, List<Candidate> agents) {
    Map<AgentId, Resources> free = new TreeMap<>();
    agents.stream().filter(a -> !a.id().equals(hole))
        .forEach(a -> free.put(a.id(), a.free().scalarsOnly()));
    List<Movable> largestFirst = new ArrayList<>(moved);
    largestFirst.sort(Comparator.comparingDouble((Movable m) -> size(m.resources())).reversed());
    for (Movable m : largestFirst) {
      Resources r = m.resources().scalarsOnly();
      Optional<AgentId> room = free.entrySet().stream()
          .filter(e -> e.getValue().containsQuantities(r)).map(Map.Entry::getKey).findFirst();
      if (room.isEmpty()) {
        return false;
      }
      free.computeIfPresent(room.get(), (id, f) -> f.minus(r));
    }
    return true;
  }

  private static String why(AgentId agent, List<Movable> moved, Resources need, boolean refit) {
    return "waiting for a hole being opened on agent " + agent + " by moving "
        + moved.stream().map(Movable::id).collect(Collectors.joining(", "))
        + " (lower priority, restartable) to make room for " + need.toText()
        + (refit ? "; they restart elsewhere" : "; they restart when room comes back");
  }

  /** Cpus first (every task asks for them), memory breaks ties, as in {@link Fragmentation}. */
  private static double size(Resources r) {
    return r.scalar("cpus") * 1e9 + r.scalar("mem");
  }
}
