package io.meseta.core.allocation;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Priority classes: every framework belongs to the class of its role's priority (default 0);
 * higher classes are offered resources first, and frameworks within one class are ordered by
 * weighted DRF. A low class only sees an agent that no higher class wants.
 */
public final class PrioritySorter implements Sorter {
  private final Map<String, Integer> rolePriorities;
  private final NavigableMap<Integer, DrfSorter> classes =
      new TreeMap<>(Collections.reverseOrder());
  private final Map<FrameworkId, DrfSorter> classOf = new HashMap<>();
  private final Map<String, Double> weights = new HashMap<>();
  private Resources total = Resources.EMPTY;

  /** @param rolePriorities priority per role; roles not named have priority 0 */
  public PrioritySorter(Map<String, Integer> rolePriorities) {
    this.rolePriorities = Map.copyOf(rolePriorities);
  }

  public int priority(String role) {
    return rolePriorities.getOrDefault(role, 0);
  }

  @Override
  public void add(FrameworkId framework, String role, Resources allocation) {
    if (classOf.containsKey(framework)) {
      throw new IllegalStateException("framework " + framework + " is already in the sorter");
    }
    DrfSorter sorter = classes.computeIfAbsent(priority(role), p -> newClass());
    sorter.add(framework, role, allocation);
    classOf.put(framework, sorter);
  }

  @Override
  public void remove(FrameworkId framework) {
    DrfSorter sorter = classOf.remove(framework);
    if (sorter != null) {
      sorter.remove(framework);
    }
  }

  @Override
  public boolean contains(FrameworkId framework) {
    return classOf.containsKey(framework);
  }

  @Override
  public void activate(FrameworkId framework) {
    sorterOf(framework).activate(framework);
  }

  @Override
  public void deactivate(FrameworkId framework) {
    sorterOf(framework).deactivate(framework);
  }

  @Override
  public void allocated(FrameworkId framework, Resources resources) {
    sorterOf(framework).allocated(framework, resources);
  }

  @Override
  public void unallocated(FrameworkId framework, Resources resources) {
    sorterOf(framework).unallocated(framework, resources);
  }

  @Override
  public void setWeight(String role, double weight) {
    classes.values().forEach(s -> s.setWeight(role, weight));
    weights.put(role, weight);
  }

  @Override
  public void setTotal(Resources clusterTotal) {
    total = clusterTotal;
    classes.values().forEach(s -> s.setTotal(clusterTotal));
  }

  @Override
  public double share(FrameworkId framework) {
    DrfSorter sorter = classOf.get(framework);
    return sorter == null ? 0.0 : sorter.share(framework);
  }

  @Override
  public Iterable<FrameworkId> sorted() {
    return () -> new Iterator<>() {
      private final Iterator<DrfSorter> classIterator = classes.values().iterator();
      private Iterator<FrameworkId> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && classIterator.hasNext()) {
          current = classIterator.next().sorted().iterator();
        }
        return current.hasNext();
      }

      @Override
      public FrameworkId next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** A new class sees the weights and the total every other class has seen. */
  private DrfSorter newClass() {
    DrfSorter sorter = new DrfSorter();
    weights.forEach(sorter::setWeight);
    sorter.setTotal(total);
    return sorter;
  }

  private DrfSorter sorterOf(FrameworkId framework) {
    DrfSorter sorter = classOf.get(framework);
    if (sorter == null) {
      throw new IllegalArgumentException("framework " + framework + " is not in the sorter");
    }
    return sorter;
  }
}
