package io.meseta.master.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.Optional;
import java.util.UUID;

/**
 * Every node's answer to "who leads": the elected leader publishes its {@link LeaderAddress} in a
 * replicated map entry, and each node keeps a local copy fed by an entry listener, so the answer
 * costs no network call (gateways ask on every request). An address whose member has left the
 * cluster is not answered: a killed leader's entry stays until the next leader overwrites it.
 */
final class LeaderDirectory {
  static final String MAP = "meseta.election";
  private static final String KEY = "leader";

  private final HazelcastInstance hazelcast;
  private final IMap<String, String> map;
  private volatile LeaderAddress cached;
  private UUID listener;

  LeaderDirectory(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.map = hazelcast.getMap(MAP);
  }

  /** Subscribes to changes, then reads the current entry. Blocking: call off the event loop. */
  void start() {
    listener = map.addEntryListener(new Changes(), KEY, true);
    String current = map.get(KEY);
    if (current != null) {
      offer(LeaderAddress.decode(current));
    }
  }

  void stop() {
    if (listener != null && hazelcast.getLifecycleService().isRunning()) {
      map.removeEntryListener(listener);
    }
  }

  /**
   * Publishes {@code leader} unless an address with the same or a newer epoch is there already (a
   * deposed leader that publishes late must not hide its successor). Blocking.
   */
  void publish(LeaderAddress leader) {
    while (true) {
      String current = map.get(KEY);
      if (current == null) {
        if (map.putIfAbsent(KEY, leader.encode()) == null) {
          break;
        }
      } else if (LeaderAddress.decode(current).epoch() >= leader.epoch()) {
        break;
      } else if (map.replace(KEY, current, leader.encode())) {
        break;
      }
    }
    offer(leader);
  }

  /** The leader as last published, if its member is still in the cluster. */
  Optional<LeaderAddress> current() {
    LeaderAddress leader = cached;
    if (leader == null || !hazelcast.getLifecycleService().isRunning()) {
      return Optional.empty();
    }
    boolean present = hazelcast.getCluster().getMembers().stream()
        .anyMatch(member -> member.getUuid().equals(leader.member()));
    return present ? Optional.of(leader) : Optional.empty();
  }

  /** Events may arrive out of order with a local publish: keep the newest epoch. */
  private synchronized void offer(LeaderAddress leader) {
    if (cached == null || leader.epoch() >= cached.epoch()) {
      cached = leader;
    }
  }

  private synchronized void clear() {
    cached = null;
  }

  private final class Changes implements EntryAddedListener<String, String>,
      EntryUpdatedListener<String, String>, EntryRemovedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      offer(LeaderAddress.decode(event.getValue()));
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      offer(LeaderAddress.decode(event.getValue()));
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      clear();
    }
  }
}
