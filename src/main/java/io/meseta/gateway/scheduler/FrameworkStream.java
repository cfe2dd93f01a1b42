package io.meseta.gateway.scheduler;

import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Where a subscribed framework's events go on this gateway node, whatever the transport. The
 * frameworks service knows a stream by its {@link #id()} (the connection id of its sessions).
 * Implementations are touched only on the gateway's event loop.
 */
public interface FrameworkStream {
  /** Unique per connection; for the HTTP transport it is the {@code Mesos-Stream-Id}. */
  String id();

  /** Writes one event; dropped silently once the stream is closed. */
  void send(Event event);

  /** Ends the stream (after TEARDOWN, a fail-over, or a failed SUBSCRIBE). */
  void close();
}
