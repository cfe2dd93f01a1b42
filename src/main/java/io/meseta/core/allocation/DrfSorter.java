package io.meseta.core.allocation;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Weighted Dominant Resource Fairness, as Mesos' DRF sorter: a framework's share is the largest fraction it
 * holds of any scalar resource in the cluster (resources the cluster has none of are skipped), divided by
 * its role's weight. Lowest share first; ties go to the framework chosen fewer times, then to the smaller id.
 *
 * <p>Active frameworks sit in a tree keyed by (share, count, id), so finding the next framework is cheap and
 * an allocation re-keys one entry instead of re-sorting everything. Allocations are kept in fixed-point
 * millis, so adding and removing the same resources restores exactly the same share.
 */
public final class DrfSorter implements Sorter {

  private static final Comparator<Client> ORDER =
      Comparator.comparingDouble((Client c) -> c.share)
          .thenComparingLong(c -> c.count)
          .thenComparing(c -> c.id);

  /** Mutable per-framework state; its key fields change only while it is out of {@link #active}. */
  private static final class Client {
    final FrameworkId id;
    final String role;
    final Map<String, Long> allocatedMillis = new HashMap<>();
    double share;
    long count;
    boolean active;

    Client(FrameworkId id, String role) {
      this.id = id;
      this.role = role;
    }
  }

  private final Map<FrameworkId, Client> clients = new HashMap<>();
  private final NavigableSet<Client> active = new TreeSet<>(ORDER);
  private final Map<String, Double> weights = new HashMap<>();
  private Map<String, Long> totalMillis = Map.of();

  @Override
  public void add(FrameworkId framework, String role, Resources allocation) {
    if (clients.containsKey(framework)) {
      throw new IllegalStateException("framework " + framework + " is already in the sorter");
    }
    Client client = new Client(framework, role);
    addMillis(client.allocatedMillis, allocation, 1);
    client.share = computeShare(client);
    clients.put(framework, client);
  }

  @Override
  public void remove(FrameworkId framework) {
    Client client = clients.remove(framework);
    if (client != null && client.active) {
      active.remove(client);
    }
  }

  @Override
  public boolean contains(FrameworkId framework) {
    return clients.containsKey(framework);
  }

  @Override
  public void activate(FrameworkId framework) {
    Client client = client(framework);
    if (!client.active) {
      client.active = true;
      active.add(client);
    }
  }

  @Override
  public void deactivate(FrameworkId framework) {
    Client client = client(framework);
    if (client.active) {
      active.remove(client);
      client.active = false;
    }
  }

  @Override
  public void allocated(FrameworkId framework, Resources resources) {
    Client client = client(framework);
    rekey(client, () -> {
      addMillis(client.allocatedMillis, resources, 1);
      client.count++;
    });
  }

  @Override
  public void unallocated(FrameworkId framework, Resources resources) {
    Client client = client(framework);
    rekey(client, () -> addMillis(client.allocatedMillis, resources, -1));
  }

  @Override
  public void setWeight(String role, double weight) {
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight of role '" + role + "' must be a positive number, was " + weight);
    }
    weights.put(role, weight);
    for (Client client : clients.values()) {
      if (client.role.equals(role)) {
        rekey(client, () -> { });
      }
    }
  }

  @Override
  public void setTotal(Resources clusterTotal) {
    Map<String, Long> millis = new HashMap<>();
    addMillis(millis, clusterTotal, 1);
    totalMillis = millis;
    // Every share is relative to the total, so every key may move: rebuild the tree once.
    active.clear();
    for (Client client : clients.values()) {
      client.share = computeShare(client);
      if (client.active) {
        active.add(client);
      }
    }
  }

  @Override
  public double share(FrameworkId framework) {
    Client client = clients.get(framework);
    return client == null ? 0.0 : client.share;
  }

  @Override
  public Iterable<FrameworkId> sorted() {
    return () -> new Iterator<>() {
      private final Iterator<Client> inner = active.iterator();

      @Override
      public boolean hasNext() {
        return inner.hasNext();
      }

      @Override
      public FrameworkId next() {
        return inner.next().id;
      }
    };
  }

  private Client client(FrameworkId framework) {
    Client client = clients.get(framework);
    if (client == null) {
      throw new IllegalArgumentException("framework " + framework + " is not in the sorter");
    }
    return client;
  }

  /** Applies {@code change} with the client out of the tree, so the tree never holds a stale key. */
  private void rekey(Client client, Runnable change) {
    boolean wasActive = client.active && active.remove(client);
    change.run();
    client.share = computeShare(client);
    if (wasActive) {
      active.add(client);
    }
  }

  private double computeShare(Client client) {
    return ScalarMillis.dominantShare(client.allocatedMillis, totalMillis,
        weights.getOrDefault(client.role, 1.0));
  }

  private static void addMillis(Map<String, Long> into, Resources resources, int sign) {
    ScalarMillis.add(into, resources, sign);
  }
}
