package io.meseta.core.placement;

import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way room is made on an agent, shared by preemption and defragmentation: take the
 * candidates in the order given (cheapest first) until the room covers the need, then give back,
 * most valuable first, each one the need can do without, so no agent loses more than needed.
 */
public final class RoomMaking {
  private RoomMaking() {}

  /**
   * @param room what is free on the agent now
   * @param need what must fit
   * @param cheapestFirst the tasks that may go, in the order they should
   * @param holds what each task gives back when it goes (as comparable to {@code need})
   * @return the tasks to remove (empty list: it fits already), or empty if they cannot make room
   */
  public static <T> Optional<List<T>> fewestToRemove(Resources room, Resources need,
      List<T> cheapestFirst, Function<T, Resources> holds) {
    List<T> taken = new ArrayList<>();
    Resources available = room;
    for (T t : cheapestFirst) {
      if (available.containsQuantities(need)) {
        break;
      }
      taken.add(t);
      available = available.plus(holds.apply(t));
    }
    if (!available.containsQuantities(need)) {
      return Optional.empty();
    }
    for (int i = taken.size() - 1; i >= 0; i--) {
      Resources without = available.minus(holds.apply(taken.get(i)));
      if (without.containsQuantities(need)) {
        available = without;
        taken.remove(i);
      }
    }
    return Optional.of(taken);
  }
}
