package io.meseta.core.allocation;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;

/**
 * The order in which frameworks are considered for an agent. DRF is the default ({@link DrfSorter});
 * other policies (priority, FCFS) implement this same interface so the {@link Allocator} does not change.
 *
 * <p>A sorter tracks each framework's allocation (offered plus in use) so it can keep its order up to date
 * incrementally. Only <em>active</em> frameworks appear in {@link #sorted()}; an inactive one (disconnected
 * or suppressed) still has its allocation counted, as in Mesos.
 */
public interface Sorter {

  /** Starts tracking {@code framework} (inactive) with what it already holds, e.g. tasks found on re-registered agents. */
  void add(FrameworkId framework, String role, Resources allocation);

  void remove(FrameworkId framework);

  boolean contains(FrameworkId framework);

  /** Makes {@code framework} appear in {@link #sorted()}. */
  void activate(FrameworkId framework);

  /** Hides {@code framework} from {@link #sorted()}; its allocation still counts. */
  void deactivate(FrameworkId framework);

  /** {@code framework} was given {@code resources}; counts as one more time it was chosen. */
  void allocated(FrameworkId framework, Resources resources);

  /** {@code resources} went back from {@code framework} to an agent. */
  void unallocated(FrameworkId framework, Resources resources);

  /** Sets a role's weight (default 1.0). */
  void setWeight(String role, double weight);

  /** The sum of every agent's total; shares are relative to it. */
  void setTotal(Resources clusterTotal);

  /** The framework's (weighted) share; 0 for an unknown framework. */
  double share(FrameworkId framework);

  /**
   * Active frameworks, first-to-be-offered first. A live view: callers must stop iterating before changing
   * the sorter.
   */
  Iterable<FrameworkId> sorted();
}
