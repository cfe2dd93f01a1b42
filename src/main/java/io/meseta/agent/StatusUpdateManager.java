package io.meseta.agent;

import io.meseta.agent.checkpoint.CheckpointStore;
import io.meseta.agent.checkpoint.UpdatesCheckpoint;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable, in-order delivery of status updates, per task (Mesos' status update manager): one
 * queue per task, only its head in flight, re-sent with doubling backoff until acknowledged.
 * Nothing is sent while offline; going online re-sends every head. Every change of a queue is
 * checkpointed ({@code updates.json} of the task), so what was not acknowledged survives an
 * agent restart and goes out again, in order. Confined to the agent's context: timers set here
 * fire there.
 */
final class StatusUpdateManager {
  private static final Logger LOG = LoggerFactory.getLogger(StatusUpdateManager.class);

  private final Vertx vertx;
  private final Consumer<TaskStatusReport> transport;
  private final Duration retryInitial;
  private final Duration retryMax;
  private final CheckpointStore checkpoints;
  private final Map<TaskKey, Stream> streams = new HashMap<>();
  private boolean online;

  StatusUpdateManager(Vertx vertx, Consumer<TaskStatusReport> transport,
      CheckpointStore checkpoints, Duration retryInitial, Duration retryMax) {
    this.vertx = vertx;
    this.transport = transport;
    this.checkpoints = checkpoints;
    this.retryInitial = retryInitial;
    this.retryMax = retryMax;
  }

  void enqueue(TaskStatusReport report) {
    enqueue(report, null);
  }

  /**
   * @param before the task's state before this update (null: none); when the task has no
   *     pending update, the master has heard of exactly that one
   */
  void enqueue(TaskStatusReport report, TaskState before) {
    TaskKey key = TaskKey.of(report.frameworkId(), report.taskId());
    Stream stream = streams.computeIfAbsent(key, Stream::new);
    if (stream.queue.isEmpty() && stream.acknowledgedState == null) {
      stream.acknowledgedState = before;
    }
    stream.queue.addLast(report);
    checkpoint(stream);
    if (stream.queue.size() == 1 && online) {
      sendHead(stream, retryInitial);
    }
  }

  /** Takes back the queue of an earlier agent life; it goes out with the next registration. */
  void recover(UpdatesCheckpoint checkpoint) {
    if (checkpoint.pending().isEmpty()) {
      return;
    }
    TaskStatusReport first = checkpoint.pending().get(0);
    Stream stream = streams.computeIfAbsent(TaskKey.of(first.frameworkId(), first.taskId()),
        Stream::new);
    stream.queue.addAll(checkpoint.pending());
    stream.headSent = checkpoint.headSent();
    stream.acknowledgedState = checkpoint.acknowledgedState();
  }

  /**
   * The state the master last heard of for this task, for re-registration: the head's if it
   * went out (it may have arrived), else the one before the queue, else {@code latest} (nothing
   * pending: the master has it all).
   */
  TaskState stateKnownToMaster(TaskKey key, TaskState latest) {
    Stream stream = streams.get(key);
    if (stream == null) {
      return latest;
    }
    if (stream.headSent) {
      return stream.queue.peekFirst().state();
    }
    return stream.acknowledgedState != null ? stream.acknowledgedState : TaskState.TASK_STAGING;
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
    stream.headSent = false;
    stream.acknowledgedState = acknowledged.state();
    if (stream.queue.isEmpty()) {
      streams.remove(key);
      checkpoints.delete(checkpoints.updatesFile(key.frameworkId().value(), key.taskId().value()));
    } else if (online) {
      sendHead(stream, retryInitial); // checkpoints the shorter queue with its head sent
    } else {
      checkpoint(stream);
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
    if (!stream.headSent) {
      stream.headSent = true;
      checkpoint(stream);
    }
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

  private void checkpoint(Stream stream) {
    checkpoints.write(
        checkpoints.updatesFile(stream.key.frameworkId().value(), stream.key.taskId().value()),
        new UpdatesCheckpoint(List.copyOf(stream.queue), stream.headSent, stream.acknowledgedState));
  }

  private final class Stream {
    final TaskKey key;
    final ArrayDeque<TaskStatusReport> queue = new ArrayDeque<>();
    long timerId = -1;
    /** Whether the head has gone to the transport since it became the head. */
    boolean headSent;
    TaskState acknowledgedState;

    Stream(TaskKey key) {
      this.key = key;
    }

    void cancelTimer() {
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
        timerId = -1;
      }
    }
  }
}
