package io.meseta.core.allocation;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * First come, first served: frameworks are offered resources in the order they subscribed,
 * however much they already hold. Shares are still tracked (by an inner {@link DrfSorter}) so
 * that state and metrics report them the same way under every policy.
 */
public final class FcfsSorter implements Sorter {
  private final DrfSorter shares = new DrfSorter();
  /** Insertion order is subscription order; a framework keeps its place while inactive. */
  private final Set<FrameworkId> arrival = new LinkedHashSet<>();
  private final Set<FrameworkId> active = new java.util.HashSet<>();

  @Override
  public void add(FrameworkId framework, String role, Resources allocation) {
    shares.add(framework, role, allocation);
    arrival.add(framework);
  }

  @Override
  public void remove(FrameworkId framework) {
    shares.remove(framework);
    arrival.remove(framework);
    active.remove(framework);
  }

  @Override
  public boolean contains(FrameworkId framework) {
    return shares.contains(framework);
  }

  @Override
  public void activate(FrameworkId framework) {
    shares.activate(framework);
    active.add(framework);
  }

  @Override
  public void deactivate(FrameworkId framework) {
    shares.deactivate(framework);
    active.remove(framework);
  }

  @Override
  public void allocated(FrameworkId framework, Resources resources) {
    shares.allocated(framework, resources);
  }

  @Override
  public void unallocated(FrameworkId framework, Resources resources) {
    shares.unallocated(framework, resources);
  }

  @Override
  public void setWeight(String role, double weight) {
    shares.setWeight(role, weight);
  }

  @Override
  public void setTotal(Resources clusterTotal) {
    shares.setTotal(clusterTotal);
  }

  @Override
  public double share(FrameworkId framework) {
    return shares.share(framework);
  }

  @Override
  public Iterable<FrameworkId> sorted() {
    return () -> arrival.stream().filter(active::contains).iterator();
  }
}
