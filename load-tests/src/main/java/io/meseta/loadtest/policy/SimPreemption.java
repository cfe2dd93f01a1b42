package io.meseta.loadtest.policy;

import io.meseta.core.model.TaskId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.preemption.Demand;
import io.meseta.core.preemption.PreemptionPlan;
import io.meseta.core.preemption.PreemptionPlanner;
import io.meseta.core.preemption.PreemptionPolicy;
import io.meseta.core.preemption.RunningTask;
import io.meseta.core.preemption.Victim;
import io.meseta.jobs.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Asks the real {@link PreemptionPlanner} to make room for the first unplaced jobs and returns the
 * tasks to kill. The master would notify the victims and wait out a grace period; the simulation kills
 * at once, and the job service requeues the victims' jobs (their restart policy), gang mates included.
 * Gang jobs are not demands: the planner makes room for one task on one agent, and half a gang
 * cannot start.
 */
final class SimPreemption {
  private final PreemptionPlanner planner;
  private final int maxDemands;

  SimPreemption(int minPriorityGap, int maxDemands) {
    this.planner = new PreemptionPlanner(new PreemptionPolicy(true, minPriorityGap, Set.of()));
    this.maxDemands = maxDemands;
  }

  /** @param unplaced pending jobs in queue order; the first {@code maxDemands} single-task ones ask */
  List<String> victims(List<Job> unplaced, List<Candidate> agents,
      Collection<PolicySimulation.Running> running, Instant now, SimStats stats) {
    List<Demand> demands = new ArrayList<>();
    for (Job job : unplaced) {
      if (demands.size() == maxDemands) {
        break;
      }
      if (job.spec().gangSize() == 1 && job.readyAt(now)) {
        demands.add(new Demand(PolicySimulation.ROLE, job.spec().priority(), job.spec().shape()));
      }
    }
    if (demands.isEmpty()) {
      return List.of();
    }
    List<RunningTask> tasks = new ArrayList<>(running.size());
    for (PolicySimulation.Running r : running) {
      tasks.add(new RunningTask(TaskId.of(r.taskId()), PolicySimulation.JOBS, r.agent(),
          PolicySimulation.ROLE, r.priority(), r.resources(), r.started()));
    }
    List<String> victims = new ArrayList<>();
    for (PreemptionPlan plan : planner.plan(demands, agents, tasks, now)) {
      stats.preemptionPlans++;
      for (Victim victim : plan.victims()) {
        victims.add(victim.task().id().value());
      }
    }
    return victims;
  }
}
