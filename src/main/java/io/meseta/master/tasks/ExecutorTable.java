package io.meseta.master.tasks;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * The custom executors the master believes run on each agent, with the resources they hold on
 * top of their tasks'. An executor is charged once, when its first task is launched on an agent,
 * and released when the agent reports it ended (or its framework or agent is gone).
 */
final class ExecutorTable {
  /** An executor is named by its framework and its id; the same id may run on many agents. */
  record Key(FrameworkId frameworkId, String executorId) {
    @Override
    public String toString() {
      return frameworkId + "/" + executorId;
    }
  }

  record Entry(AgentId agentId, Key key, ExecutorInfo info, Resources resources) {}

  private final Map<AgentId, Map<Key, Entry>> byAgent = new HashMap<>();

  Optional<Entry> find(AgentId agent, Key key) {
    return Optional.ofNullable(byAgent.getOrDefault(agent, Map.of()).get(key));
  }

  void add(Entry entry) {
    byAgent.computeIfAbsent(entry.agentId(), a -> new LinkedHashMap<>()).put(entry.key(), entry);
  }

  Optional<Entry> remove(AgentId agent, Key key) {
    Map<Key, Entry> executors = byAgent.get(agent);
    return Optional.ofNullable(executors == null ? null : executors.remove(key));
  }

  /** Forgets every executor of the agent (the agent itself is gone, and its resources with it). */
  void removeAgent(AgentId agent) {
    byAgent.remove(agent);
  }

  /** Removes and returns every executor of the framework, on any agent. */
  List<Entry> removeFramework(FrameworkId framework) {
    List<Entry> removed = new ArrayList<>();
    byAgent.values().forEach(executors -> executors.values().removeIf(entry -> {
      boolean match = entry.key().frameworkId().equals(framework);
      if (match) {
        removed.add(entry);
      }
      return match;
    }));
    return removed;
  }

  /** Keeps only the agent's executors named in {@code alive} (what a re-registering agent runs). */
  void retainOnAgent(AgentId agent, java.util.Set<Key> alive) {
    Map<Key, Entry> executors = byAgent.get(agent);
    if (executors != null) {
      executors.keySet().retainAll(alive);
    }
  }

  /** Resources of the agent's executors, per framework. */
  Map<FrameworkId, Resources> inUseOn(AgentId agent) {
    Map<FrameworkId, Resources> inUse = new HashMap<>();
    byAgent.getOrDefault(agent, Map.of()).values()
        .forEach(e -> inUse.merge(e.key().frameworkId(), e.resources(), Resources::plus));
    return inUse;
  }

  List<Entry> all() {
    List<Entry> all = new ArrayList<>();
    byAgent.values().forEach(executors -> all.addAll(executors.values()));
    return all;
  }
}
