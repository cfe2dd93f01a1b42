package io.meseta.gateway.security;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import java.util.Optional;

/**
 * Which principal opened each Mesos HTTP event stream of this node, so that a later call on the
 * stream (a separate POST, authenticated on its own) is made by the same principal, as Mesos
 * requires. Node-wide (every gateway instance of the node sees it); a stream held by another
 * master node is not known here and stays protected by its unguessable Mesos-Stream-Id.
 */
public final class StreamPrincipals {
  private final LocalMap<String, String> byStream;

  public StreamPrincipals(Vertx vertx) {
    this.byStream = vertx.sharedData().getLocalMap("meseta.security.stream-principals");
  }

  public void opened(String streamId, Optional<String> principal) {
    principal.ifPresent(p -> byStream.put(streamId, p));
  }

  public void closed(String streamId) {
    byStream.remove(streamId);
  }

  /** The mismatch when {@code principal} calls on a stream another principal opened. */
  public Optional<String> mismatch(String streamId, Optional<String> principal) {
    String owner = streamId == null ? null : byStream.get(streamId);
    if (owner == null || principal.isEmpty() || owner.equals(principal.get())) {
      return Optional.empty();
    }
    return Optional.of("Authenticated principal '" + principal.get() + "' does not match"
        + " principal '" + owner + "' of the framework subscribed on this Mesos-Stream-Id:"
        + " call as the principal that subscribed");
  }
}
