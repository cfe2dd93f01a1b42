package io.meseta.master.tasks;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskId;
import io.meseta.core.preemption.Victim;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.meseta.protocol.ResourcesProto;
import io.meseta.protocol.agent.AgentMessage;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out preemption plans for the task tracker: each victim's framework is told first, with
 * an inverse offer for the task's resources whose unavailability starts now and lasts the grace
 * period (Mesos' own "give these back" message), and the task is killed when the grace period
 * ends, with REASON_CONTAINER_PREEMPTED, unless it ended by itself.
 */
final class Preemptions {
  private static final Logger LOG = LoggerFactory.getLogger(Preemptions.class);

  private final Vertx vertx;
  private final TaskTable tasks;
  private final Map<FrameworkId, FrameworkInfo> frameworkInfos;
  private final String idPrefix;
  private final Set<TaskId> underway = new HashSet<>();
  private long nextId;

  Preemptions(Vertx vertx, TaskTable tasks, Map<FrameworkId, FrameworkInfo> frameworkInfos,
      String idPrefix) {
    this.vertx = vertx;
    this.tasks = tasks;
    this.frameworkInfos = frameworkInfos;
    this.idPrefix = idPrefix;
  }

  /** Running tasks that could be chosen; those already being preempted are left out. */
  Messages.RunningTasks running(Instant now) {
    List<Messages.RunningTaskInfo> running = new ArrayList<>();
    for (FrameworkId framework : tasks.frameworks()) {
      for (TrackedTask t : tasks.activeOf(framework)) {
        if (t.task.state() != io.meseta.core.model.TaskState.TASK_RUNNING
            || underway.contains(t.task.id())) {
          continue;
        }
        running.add(new Messages.RunningTaskInfo(t.task.id(), framework, t.task.agentId(),
            role(framework), t.task.resources(), startedAt(t, now)));
      }
    }
    return new Messages.RunningTasks(running);
  }

  void preempt(Messages.Preempt plan) {
    for (Victim victim : plan.victims()) {
      var found = tasks.find(victim.task().frameworkId(), victim.task().id());
      if (found.isEmpty() || found.get().task.state().isTerminal()
          || !underway.add(victim.task().id())) {
        continue;
      }
      LOG.info("Preempting {}", victim.why());
      TrackedTask tracked = found.get();
      vertx.eventBus().send(Addresses.FRAMEWORKS, new Messages.ToFramework(
          tracked.task.frameworkId(), inverseOffer(tracked, plan.grace().toNanos())));
      vertx.setTimer(Math.max(1, plan.grace().toMillis()), id -> kill(tracked));
    }
  }

  private void kill(TrackedTask tracked) {
    underway.remove(tracked.task.id());
    if (tracked.task.state().isTerminal()) {
      return;
    }
    vertx.eventBus().send(Addresses.AGENTS, new Messages.ToAgent(tracked.task.agentId(),
        new AgentMessage.KillTask(tracked.task.frameworkId().value(), tracked.task.id().value(),
            0, Reason.REASON_CONTAINER_PREEMPTED)));
  }

  private Event inverseOffer(TrackedTask tracked, long graceNanos) {
    long nowNanos = System.currentTimeMillis() * 1_000_000L;
    Protos.InverseOffer offer = Protos.InverseOffer.newBuilder()
        .setId(Protos.OfferID.newBuilder().setValue(idPrefix + "-P" + nextId++))
        .setFrameworkId(Protos.FrameworkID.newBuilder()
            .setValue(tracked.task.frameworkId().value()))
        .setAgentId(Protos.AgentID.newBuilder().setValue(tracked.task.agentId().value()))
        .setUnavailability(Protos.Unavailability.newBuilder()
            .setStart(Protos.TimeInfo.newBuilder().setNanoseconds(nowNanos))
            .setDuration(Protos.DurationInfo.newBuilder().setNanoseconds(graceNanos)))
        .addAllResources(ResourcesProto.toProto(tracked.task.resources()))
        .build();
    return Event.newBuilder()
        .setType(Event.Type.INVERSE_OFFERS)
        .setInverseOffers(Event.InverseOffers.newBuilder().addInverseOffers(offer))
        .build();
  }

  private String role(FrameworkId framework) {
    FrameworkInfo info = frameworkInfos.get(framework);
    if (info == null) {
      return "*";
    }
    return info.getRolesCount() > 0 ? info.getRoles(0) : info.hasRole() ? info.getRole() : "*";
  }

  /** When the task first ran, from its status history; now if that was not kept. */
  private static Instant startedAt(TrackedTask t, Instant now) {
    for (var status : t.statuses) {
      if (status.getState() == TaskState.TASK_RUNNING) {
        return Instant.ofEpochMilli((long) (status.getTimestamp() * 1000));
      }
    }
    return now;
  }
}
