package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;
import io.meseta.core.resources.Resources;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every framework's active tasks, by id, and a bounded history of its completed ones
 * (Mesos --max_completed_tasks_per_framework = 1000).
 */
final class TaskTable {
  static final int MAX_COMPLETED_PER_FRAMEWORK = 1000;

  private final Map<FrameworkId, Map<TaskId, TrackedTask>> active = new LinkedHashMap<>();
  private final Map<FrameworkId, Deque<TrackedTask>> completed = new LinkedHashMap<>();
  /** Run time of every completed task since start, evicted from history or not. */
  private double completedRunSeconds;
  private Journal journal = Journal.NONE;

  /** Hears of every change to an active task, e.g. to keep it in the state store. */
  interface Journal {
    Journal NONE = new Journal() {
      @Override
      public void changed(TrackedTask task) {}

      @Override
      public void completed(TrackedTask task) {}
    };

    /** Added, or a status recorded: the task as a whole may have changed. */
    void changed(TrackedTask task);

    /** The task left the active table. */
    void completed(TrackedTask task);
  }

  void journalTo(Journal newJournal) {
    journal = newJournal;
    active.values().forEach(tasks -> tasks.values().forEach(t -> t.journal = newJournal));
  }

  Optional<TrackedTask> find(FrameworkId framework, TaskId task) {
    return Optional.ofNullable(active.getOrDefault(framework, Map.of()).get(task));
  }

  /** A task of the framework's completed history (the last 1000), newest first. */
  Optional<TrackedTask> findCompleted(FrameworkId framework, TaskId task) {
    Deque<TrackedTask> history = completed.get(framework);
    if (history == null) {
      return Optional.empty();
    }
    var newestFirst = history.descendingIterator();
    while (newestFirst.hasNext()) {
      TrackedTask t = newestFirst.next();
      if (t.task.id().equals(task)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  boolean isActive(FrameworkId framework, TaskId task) {
    return active.getOrDefault(framework, Map.of()).containsKey(task);
  }

  void add(TrackedTask task) {
    active.computeIfAbsent(task.task.frameworkId(), f -> new LinkedHashMap<>())
        .put(task.task.id(), task);
    task.journal = journal;
    journal.changed(task);
  }

  /** Moves a task to the framework's completed history. */
  void complete(TrackedTask task) {
    Map<TaskId, TrackedTask> tasks = active.get(task.task.frameworkId());
    if (tasks != null && tasks.remove(task.task.id()) != null) {
      task.journal = Journal.NONE;
      journal.completed(task);
      completedRunSeconds += task.runSeconds(0);
      Deque<TrackedTask> history =
          completed.computeIfAbsent(task.task.frameworkId(), f -> new ArrayDeque<>());
      history.addLast(task);
      while (history.size() > MAX_COMPLETED_PER_FRAMEWORK) {
        history.removeFirst();
      }
    }
  }

  /** The seed's T: total task time, running plus completed, in seconds. */
  double totalRunSeconds(double nowSeconds) {
    double running = active.values().stream()
        .flatMap(tasks -> tasks.values().stream())
        .mapToDouble(t -> t.runSeconds(nowSeconds))
        .sum();
    return completedRunSeconds + running;
  }

  List<TrackedTask> activeOf(FrameworkId framework) {
    return new ArrayList<>(active.getOrDefault(framework, Map.of()).values());
  }

  List<TrackedTask> completedOf(FrameworkId framework) {
    return new ArrayList<>(completed.getOrDefault(framework, new ArrayDeque<>()));
  }

  List<TrackedTask> onAgent(AgentId agent) {
    List<TrackedTask> result = new ArrayList<>();
    active.values().forEach(tasks -> tasks.values().stream()
        .filter(t -> t.task.agentId().equals(agent))
        .forEach(result::add));
    return result;
  }

  Set<FrameworkId> frameworks() {
    Set<FrameworkId> all = new java.util.LinkedHashSet<>(active.keySet());
    all.addAll(completed.keySet());
    return all;
  }

  /** Resources of the non-terminal tasks on an agent, per framework. */
  Map<FrameworkId, Resources> inUseOn(AgentId agent) {
    Map<FrameworkId, Resources> inUse = new HashMap<>();
    for (TrackedTask t : onAgent(agent)) {
      if (!t.task.state().isTerminal()) {
        inUse.merge(t.task.frameworkId(), t.task.resources(), Resources::plus);
      }
    }
    return inUse;
  }
}
