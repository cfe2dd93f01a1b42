package io.meseta.agent;

import io.meseta.protocol.agent.AgentMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last tasks whose terminal update the master acknowledged, reported when re-registering:
 * a new leader whose stored state lagged behind the old one's (the last writes of a killed
 * leader may not have landed) learns that they ended instead of reporting them lost. Bounded:
 * a store lags by milliseconds, not by thousands of tasks.
 */
final class RecentlyEnded {
  static final int CAPACITY = 1_000;
  private final Deque<AgentMessage.RunningTask> ended = new ArrayDeque<>();

  synchronized void add(AgentMessage.RunningTask task) {
    ended.addLast(task);
    while (ended.size() > CAPACITY) {
      ended.removeFirst();
    }
  }

  synchronized List<AgentMessage.RunningTask> list() {
    return List.copyOf(ended);
  }
}
