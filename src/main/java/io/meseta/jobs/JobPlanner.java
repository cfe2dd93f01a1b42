package io.meseta.jobs;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.Constraint;
import io.meseta.core.placement.FeasibilityChecks;
import io.meseta.core.placement.Placement;
import io.meseta.core.placement.Placer;
import io.meseta.core.placement.Rejection;
import io.meseta.core.placement.Scorer;
import io.meseta.core.placement.TaskShape;
import io.meseta.core.resources.Resources;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One placement round: walks the pending jobs in queue order and gives each whole gang to the
 * agents whose offers the service holds (a job that does not fit is passed over, so smaller jobs
 * behind it may still start). Agents the service holds no offer for take part with nothing free,
 * so the reasons cover the whole cluster. Computes only; the caller launches and declines.
 */
public final class JobPlanner {
  private final Placer placer;

  public JobPlanner(Scorer scorer) {
    this.placer = new Placer(scorer);
  }

  /**
   * @param launches per job placed this round: task index to agent, in queue order
   * @param pending why each job left pending is waiting
   * @param unused agents offered (something free) that got no task: their offers can go back
   */
  public record Plan(Map<JobId, Map<Integer, AgentId>> launches, Map<JobId, WhyPending> pending,
      Set<AgentId> unused) {}

  /**
   * @param ordered pending jobs in policy order
   * @param agents every known agent; {@code free} is what the service's held offers give on it
   */
  public Plan plan(List<Job> ordered, List<Candidate> agents, Instant now) {
    Map<AgentId, Candidate> state = new TreeMap<>();
    agents.forEach(a -> state.put(a.id(), a));
    Map<JobId, Map<Integer, AgentId>> launches = new LinkedHashMap<>();
    Map<JobId, WhyPending> pending = new LinkedHashMap<>();
    Set<AgentId> used = new HashSet<>();
    for (Job job : ordered) {
      if (job.state() != Job.State.PENDING) {
        continue;
      }
      if (!job.readyAt(now)) {
        pending.put(job.id(), WhyPending.note(job.message(), now));
        continue;
      }
      if (state.isEmpty()) {
        pending.put(job.id(), WhyPending.note("no active agents in the cluster", now));
        continue;
      }
      List<TaskShape> gang = Collections.nCopies(job.spec().gangSize(), job.spec().shape());
      List<Candidate> current = List.copyOf(state.values());
      Placement placement = placer.place(gang, current, true);
      if (placement.complete()) {
        launches.put(job.id(), placement.assignments());
        placement.assignments().values().forEach(agent -> {
          state.put(agent, state.get(agent).minus(job.spec().resources()));
          used.add(agent);
        });
      } else {
        pending.put(job.id(), explain(job, gang, current, now));
      }
    }
    Set<AgentId> unused = new HashSet<>();
    for (Candidate agent : agents) {
      if (!agent.free().isEmpty() && !used.contains(agent.id())) {
        unused.add(agent.id());
      }
    }
    return new Plan(launches, pending, unused);
  }

  /**
   * Places what fits of the gang (not all-or-nothing, just to see how far it gets), then asks
   * every agent why it refuses the first task that did not fit.
   */
  private WhyPending explain(Job job, List<TaskShape> gang, List<Candidate> agents, Instant now) {
    Placement partial = placer.place(gang, agents, false);
    Map<AgentId, Candidate> after = new TreeMap<>();
    agents.forEach(a -> after.put(a.id(), a));
    partial.assignments().values().forEach(agent ->
        after.put(agent, after.get(agent).minus(job.spec().resources())));
    TaskShape task = job.spec().shape();
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    for (Candidate agent : after.values()) {
      placer.firstRejection(task, agent).ifPresent(rejection -> counts.merge(
          List.of(rejection.reason(), subject(rejection.reason(), task, agent)), 1, Integer::sum));
    }
    List<WhyPending.Reason> reasons = new ArrayList<>();
    counts.forEach((key, agentCount) -> {
      Rejection.Reason code = (Rejection.Reason) key.get(0);
      String subject = (String) key.get(1);
      reasons.add(new WhyPending.Reason(code, subject, agentCount,
          WhyPending.sentence(code, subject, agentCount, needs(code, subject, task))));
    });
    reasons.sort(Comparator.comparingInt(WhyPending.Reason::agents).reversed()
        .thenComparing(WhyPending.Reason::code).thenComparing(WhyPending.Reason::subject));
    int fitted = partial.assignments().size();
    String lead = job.spec().gangSize() == 1 ? "no agent can take its task now"
        : "only " + fitted + " of " + gang.size() + " gang tasks fit at once (a gang starts"
            + " whole or not at all); for the next one";
    if (reasons.stream().noneMatch(r -> r.code() == Rejection.Reason.INSUFFICIENT_FREE)) {
      lead += " (no agent could take it even when idle: change the job or add agents)";
    }
    return WhyPending.of(lead, reasons, now);
  }

  private static String subject(Rejection.Reason code, TaskShape task, Candidate agent) {
    return switch (code) {
      case CONSTRAINT_NOT_MET -> failingConstraint(task, agent);
      case INSUFFICIENT_FREE -> shortOf(task.resources(), agent.free());
      case AGENT_TOO_SMALL -> shortOf(task.resources(), agent.total());
    };
  }

  private static String failingConstraint(TaskShape task, Candidate agent) {
    for (Constraint c : task.constraints()) {
      Optional<Rejection> r = FeasibilityChecks.CONSTRAINTS
          .check(new TaskShape(task.resources(), List.of(c)), agent);
      if (r.isPresent()) {
        return c.attribute() + " " + c.operator() + (c.value() == null ? "" : " " + c.value());
      }
    }
    return "on attributes";
  }

  private static String shortOf(Resources need, Resources have) {
    for (String name : need.scalarNames()) {
      if (have.scalar(name) < need.scalar(name)) {
        return name;
      }
    }
    return "resources";
  }

  private static String needs(Rejection.Reason code, String subject, TaskShape task) {
    if (code == Rejection.Reason.CONSTRAINT_NOT_MET) {
      return "";
    }
    if (!task.resources().scalarNames().contains(subject)) {
      return task.resources().toText();
    }
    return BigDecimal.valueOf(task.resources().scalar(subject)).stripTrailingZeros()
        .toPlainString();
  }
}
