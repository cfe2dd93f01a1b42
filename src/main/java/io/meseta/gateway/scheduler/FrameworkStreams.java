package io.meseta.gateway.scheduler;

import io.meseta.core.model.FrameworkId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The framework streams connected to this gateway node, by id, and the framework each one is
 * subscribed as. Touched only on the gateway's event loop.
 */
public final class FrameworkStreams {
  /** A stream whose SUBSCRIBE succeeded, with the timer of its heartbeats. */
  record Subscribed(FrameworkId framework, long heartbeatTimer) {}

  private final Map<String, FrameworkStream> streams = new HashMap<>();
  private final Map<String, Subscribed> subscribed = new HashMap<>();

  void add(FrameworkStream stream) {
    streams.put(stream.id(), stream);
  }

  void subscribed(String streamId, FrameworkId framework, long heartbeatTimer) {
    subscribed.put(streamId, new Subscribed(framework, heartbeatTimer));
  }

  /** Forgets the stream; returns what it was subscribed as, if it was. */
  Optional<Subscribed> remove(FrameworkStream stream) {
    if (!streams.remove(stream.id(), stream)) {
      return Optional.empty();
    }
    return Optional.ofNullable(subscribed.remove(stream.id()));
  }

  Optional<FrameworkId> frameworkOf(String streamId) {
    return Optional.ofNullable(subscribed.get(streamId)).map(Subscribed::framework);
  }

  /** Closes every stream, e.g. so that their frameworks re-subscribe with a new leader. */
  public void closeAll() {
    java.util.List.copyOf(streams.values()).forEach(FrameworkStream::close);
  }

  /** The stream with this id, for delivering events addressed to it. */
  public Optional<FrameworkStream> get(String id) {
    return Optional.ofNullable(streams.get(id));
  }
}
