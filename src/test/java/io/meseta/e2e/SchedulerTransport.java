package io.meseta.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One framework connection, whatever the transport: the same scenario runs over each (one model,
 * two transports, two encodings). No SDK in between.
 */
interface SchedulerTransport extends AutoCloseable {
  /** Sends SUBSCRIBE on a new stream and returns the first event (SUBSCRIBED or ERROR). */
  Event subscribe(Call subscribe) throws Exception;

  /** Sends a call of the subscribed framework; fails if the master refuses it outright. */
  void call(Call call) throws Exception;

  /** The next event that is not a HEARTBEAT and matches. */
  Event next(Duration limit, Predicate<Event> match) throws Exception;

  /** Every event other than heartbeats received within {@code window}. */
  java.util.List<Event> drain(Duration window) throws Exception;

  /** Breaks the connection abruptly, as a crashing scheduler would. */
  void drop() throws Exception;

  boolean streamEnded();
}
