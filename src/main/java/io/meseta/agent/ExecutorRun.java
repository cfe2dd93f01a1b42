package io.meseta.agent;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.TaskSpec;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * One launch of a custom executor on this agent and the tasks sent to it. Plain state, changed
 * only on the agent's context by {@link ExecutorSupervisor}.
 */
final class ExecutorRun {
  /** An executor on this agent: executor ids are unique only within their framework. */
  record Key(FrameworkId frameworkId, String executorId) {
    @Override
    public String toString() {
      return frameworkId + "/" + executorId;
    }
  }

  enum Phase {
    /** The process is being started. */
    LAUNCHING,
    /** Started, not subscribed (yet, or again after its stream dropped). */
    REGISTERING,
    SUBSCRIBED,
    /** Shutting down or being destroyed: takes no new tasks. */
    TERMINATING,
    TERMINATED
  }

  /** Why the agent ends an executor; decides what its unfinished tasks become. */
  enum Termination {
    REGISTRATION_TIMEOUT,
    /** Re-adopted after an agent restart, it did not subscribe again within the recovery timeout. */
    REREGISTRATION_TIMEOUT,
    SHUTDOWN,
    LAUNCH_FAILED
  }

  /** A task of the executor; {@code state} is the last one reported for it. */
  static final class ExecutorTask {
    final TaskSpec spec;
    TaskState state;
    boolean terminal;
    /** Sent to the executor (LAUNCH); false while it waits for the executor to subscribe. */
    boolean delivered;
    final Set<String> uuids = new HashSet<>();

    ExecutorTask(TaskSpec spec) {
      this.spec = spec;
    }
  }

  final Key key;
  final ExecutorSpec spec;
  final String containerId;
  final Map<TaskKey, ExecutorTask> tasks = new LinkedHashMap<>();
  /** Events held until the executor subscribes (LAUNCH, LAUNCH_GROUP, MESSAGE). */
  final List<Event> pending = new ArrayList<>();
  final Promise<Void> ended = Promise.promise();
  Phase phase = Phase.LAUNCHING;
  Termination termination;
  TaskProcess process;
  /** Set on the worker that starts the process, read on the context after it (happens-before). */
  volatile io.meseta.agent.checkpoint.ProcessIdentity identity;
  ExecutorStream stream;
  boolean everSubscribed;
  long registrationTimer = -1;
  long shutdownTimer = -1;
  long heartbeatTimer = -1;

  ExecutorRun(Key key, ExecutorSpec spec) {
    this(key, spec, UUID.randomUUID().toString());
  }

  /** @param containerId kept across agent restarts: the executor's SUBSCRIBED names it again */
  ExecutorRun(Key key, ExecutorSpec spec, String containerId) {
    this.key = key;
    this.spec = spec;
    this.containerId = containerId;
  }

  boolean accepting() {
    return phase == Phase.LAUNCHING || phase == Phase.REGISTERING || phase == Phase.SUBSCRIBED;
  }

  /** Sends now when subscribed (also while terminating), else keeps it for the subscription. */
  void deliver(Event event) {
    if (stream != null) {
      stream.send(event);
    } else {
      pending.add(event);
    }
  }
}
