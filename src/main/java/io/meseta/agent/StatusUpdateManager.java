package io.meseta.agent;

import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable, in-order delivery of status updates, per task (Mesos' status update manager): one
 * queue per task, only its head in flight, re-sent with doubling backoff until acknowledged.
 * Nothing is sent while offline; going online re-sends every head. Confined to the agent's
 * context: timers set here fire there.
 */
final class StatusUpdateManager {
  private static final Logger LOG = LoggerFactory.getLogger(StatusUpdateManager.class);

  private final Vertx vertx;
  private final Consumer<TaskStatusReport> transport;
  private final Duration retryInitial;
  private final Duration retryMax;
  private final Map<TaskKey, Stream> streams = new HashMap<>();
  private boolean online;

  StatusUpdateManager(
      Vertx vertx, Consumer<TaskStatusReport> transport, Duration retryInitial, Duration retryMax) {
    this.vertx = vertx;
    this.transport = transport;
    this.retryInitial = retryInitial;
    this.retryMax = retryMax;
  }

  void enqueue(TaskStatusReport report) {
    TaskKey key = TaskKey.of(report.frameworkId(), report.taskId());
    Stream stream = streams.computeIfAbsent(key, k -> new Stream());
    stream.queue.addLast(report);
    if (stream.queue.size() == 1 && online) {
      sendHead(stream, retryInitial);
    }
  }

  /**
   * Pops the head of the task's queue when {@code uuid} names it and sends the next update.
   *
   * @return the acknowledged update; empty for a stale or unknown uuid, which is ignored (the
   *     master may deliver an acknowledgement twice)
   */
  Optional<TaskStatusReport> acknowledge(TaskKey key, String uuid) {
    Stream stream = streams.get(key);
    if (stream == null || !stream.queue.peekFirst().uuid().equals(uuid)) {
      LOG.debug("ignoring acknowledgement {} for {}: not the pending update", uuid, key);
      return Optional.empty();
    }
    stream.cancelTimer();
    TaskStatusReport acknowledged = stream.queue.removeFirst();
    if (stream.queue.isEmpty()) {
      streams.remove(key);
    } else if (online) {
      sendHead(stream, retryInitial);
    }
    return Optional.of(acknowledged);
  }

  boolean hasPending(TaskKey key) {
    return streams.containsKey(key);
  }

  /** Registered with a master: every head goes out again, backoff starting over. */
  void online() {
    online = true;
    streams.values().forEach(stream -> sendHead(stream, retryInitial));
  }

  /** The socket is gone: retrying into it is pointless until the next registration. */
  void offline() {
    online = false;
    streams.values().forEach(Stream::cancelTimer);
  }

  private void sendHead(Stream stream, Duration delay) {
    stream.cancelTimer();
    TaskStatusReport head = stream.queue.peekFirst();
    transport.accept(head);
    Duration next = delay.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : delay.multipliedBy(2);
    stream.timerId =
        vertx.setTimer(
            Math.max(1, delay.toMillis()),
            id -> {
              stream.timerId = -1;
              if (online && stream.queue.peekFirst() == head) {
                LOG.debug("re-sending unacknowledged {} of {}/{}",
                    head.state(), head.frameworkId(), head.taskId());
                sendHead(stream, next);
              }
            });
  }

  /** Cancels every timer; the agent is stopping. */
  void close() {
    offline();
  }

  private final class Stream {
    final ArrayDeque<TaskStatusReport> queue = new ArrayDeque<>();
    long timerId = -1;

    void cancelTimer() {
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
        timerId = -1;
      }
    }
  }
}
