package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.Claim;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.preemption.Demand;
import io.meseta.core.preemption.PreemptionPlan;
import io.meseta.core.preemption.PreemptionPlanner;
import io.meseta.core.preemption.RunningTask;
import io.meseta.core.preemption.Victim;
import io.meseta.master.AllocationSettings;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Asks, once per allocation interval while demand is pending, whether preemption would place it:
 * fetches the running tasks from the task tracker, runs the pure planner, and hands the victims
 * to the tracker, which warns their frameworks and kills them after the grace period. Until that
 * grace has passed it plans nothing new, so the room being made is not made twice. The room is
 * claimed for the framework that declared the demand, so it gets the freed resources first.
 */
final class PreemptionLoop {
  private static final int RECENT = 100;
  /** A kill's round trip through the agent back to the allocator: well under this when healthy. */
  private static final Duration KILL_ROUND_TRIP = Duration.ofSeconds(1);

  private final AllocationSettings settings;
  private final PreemptionPlanner planner;
  private final Deque<JsonObject> recent = new ArrayDeque<>();
  private boolean asking;
  private Instant quietUntil = Instant.MIN;
  private long preempted;

  PreemptionLoop(AllocationSettings settings) {
    this.settings = settings;
    this.planner = new PreemptionPlanner(settings.preemption());
  }

  void tick(EventBus bus, Allocator allocator, Map<AgentId, Messages.AgentDescriptor> agents,
      DemandBook demand, Instant now) {
    if (!settings.preemption().enabled() || asking || now.isBefore(quietUntil)
        || demand.all().isEmpty()) {
      return;
    }
    asking = true;
    List<Demand> pending = demand.all();
    Map<Demand, FrameworkId> declarers = demand.declarers();
    bus.<Messages.RunningTasks>request(Addresses.TASKS, new Messages.RunningTasksQuery())
        .onComplete(reply -> {
          asking = false;
          if (reply.failed()) {
            return;
          }
          List<RunningTask> running = reply.result().body().tasks().stream()
              .map(t -> new RunningTask(t.taskId(), t.frameworkId(), t.agentId(), t.role(),
                  settings.rolePriorities().getOrDefault(t.role(), 0), t.resources(),
                  t.startedAt()))
              .toList();
          List<PreemptionPlan> plans = planner.plan(pending,
              DemandBook.candidates(allocator, agents), running, now);
          List<Victim> victims = plans.stream().flatMap(p -> p.victims().stream()).toList();
          if (!victims.isEmpty()) {
            bus.send(Addresses.TASKS, new Messages.Preempt(victims, settings.preemptionGrace()));
            quietUntil = now.plus(settings.preemptionGrace()).plus(settings.interval())
                .plus(settings.interval());
            record(victims, now);
          }
          claimRoomFor(plans, declarers, allocator, now);
        });
  }

  /**
   * The room each plan makes is claimed for the framework whose demand it is for, so that its
   * victims' resources are offered to that framework first rather than to whoever ranks first.
   * The claim lasts the grace period plus the time the kills take to come back, then lapses.
   */
  private void claimRoomFor(List<PreemptionPlan> plans, Map<Demand, FrameworkId> declarers,
      Allocator allocator, Instant now) {
    Duration settle = settings.interval().multipliedBy(2);
    Instant expires = now.plus(settings.preemptionGrace())
        .plus(settle.compareTo(KILL_ROUND_TRIP) > 0 ? settle : KILL_ROUND_TRIP);
    for (PreemptionPlan plan : plans) {
      FrameworkId beneficiary = declarers.get(plan.demand());
      if (beneficiary != null) {
        allocator.claim(new Claim(plan.agent(), beneficiary, plan.demand().role(),
            plan.demand().shape().resources().withoutRoles(), expires));
      }
    }
  }

  /** For state and metrics: preempted tasks, why the latest were chosen, room still claimed. */
  JsonObject toJson(Allocator allocator) {
    JsonArray claims = new JsonArray();
    allocator.claims().forEach(c -> claims.add(new JsonObject()
        .put("agent_id", c.agent().value()).put("framework_id", c.framework().value())
        .put("role", c.role()).put("needed", c.needed().toText())
        .put("expires", c.expires().toEpochMilli() / 1000.0)));
    return new JsonObject().put("preempted_tasks", preempted)
        .put("recent", new JsonArray(List.copyOf(recent))).put("claims", claims);
  }

  private void record(List<Victim> victims, Instant now) {
    for (Victim v : victims) {
      preempted++;
      recent.addFirst(new JsonObject()
          .put("task_id", v.task().id().value())
          .put("framework_id", v.task().frameworkId().value())
          .put("agent_id", v.task().agentId().value())
          .put("time", now.toEpochMilli() / 1000.0)
          .put("why", v.why()));
      while (recent.size() > RECENT) {
        recent.removeLast();
      }
    }
  }
}
