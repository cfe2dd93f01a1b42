package io.meseta.loadtest.policy;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.jobs.Job;
import io.meseta.jobs.JobId;
import io.meseta.jobs.JobPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One placement round, decided by the real {@link JobPlanner}. {@link #plan} hands the planner the
 * whole ordered list at once, as {@code JobServiceVerticle} does. {@link #planShortcut} gives the same
 * placements faster: it walks the same order itself and calls the planner for one job at a time, only
 * for jobs that fit, and only with the agents that can take at least one of their tasks.
 *
 * <p>Why the shortcut is exact: the planner places job after job against the free resources left by
 * the jobs before it, so a job that fits nowhere at its turn stays pending, and an agent that cannot
 * hold one of its tasks is never chosen for it. A gang of k identical tasks fits exactly when the agents
 * can hold k of them in total (each task placed lowers one agent's count by one). Counting that in
 * integer milli-units (jobs here ask for cpus and mem only) avoids the planner's per-agent checks and
 * "why pending" explanations for the many jobs of a backlog that fit nowhere, which dominate the
 * planner's time. The smoke test runs both and requires identical results.
 */
final class SimRound {
  private SimRound() {}

  /** @param launches per placed job: task index to agent, in queue order */
  record Outcome(Map<JobId, Map<Integer, AgentId>> launches) {}

  static Outcome plan(JobPlanner planner, List<Job> ordered, List<Candidate> agents, Instant now) {
    return new Outcome(planner.plan(ordered, agents, now).launches());
  }

  static Outcome planShortcut(JobPlanner planner, List<Job> ordered, List<Candidate> agents,
      Instant now) {
    int n = agents.size();
    Candidate[] state = agents.toArray(new Candidate[0]);
    long[] cpus = new long[n];
    long[] mem = new long[n];
    for (int i = 0; i < n; i++) {
      cpus[i] = state[i].free().scalarMillis("cpus");
      mem[i] = state[i].free().scalarMillis("mem");
    }
    Map<JobId, Map<Integer, AgentId>> launches = new LinkedHashMap<>();
    Map<AgentId, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(state[i].id(), i);
    }
    for (Job job : ordered) {
      if (!job.readyAt(now)) {
        continue;
      }
      long needCpus = job.spec().resources().scalarMillis("cpus");
      long needMem = job.spec().resources().scalarMillis("mem");
      long room = 0;
      List<Candidate> able = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long fits = Math.min(units(cpus[i], needCpus), units(mem[i], needMem));
        if (fits > 0) {
          room += fits;
          able.add(state[i]);
        }
      }
      if (room < job.spec().gangSize()) {
        continue;
      }
      Map<Integer, AgentId> placement = planner.plan(List.of(job), able, now).launches().get(job.id());
      if (placement == null) {
        throw new IllegalStateException("job " + job.id() + " fits " + room + " times on the offered agents"
            + " but the planner did not place it; the simulation's shortcut disagrees with the planner");
      }
      launches.put(job.id(), placement);
      for (AgentId agent : placement.values()) {
        int i = index.get(agent);
        state[i] = state[i].minus(job.spec().resources());
        cpus[i] -= needCpus;
        mem[i] -= needMem;
      }
    }
    return new Outcome(launches);
  }

  private static long units(long free, long need) {
    return need <= 0 ? Long.MAX_VALUE : free / need;
  }
}
