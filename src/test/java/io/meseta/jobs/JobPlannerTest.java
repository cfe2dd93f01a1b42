package io.meseta.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.Constraint;
import io.meseta.core.placement.Rejection;
import io.meseta.core.placement.Scorer;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobPlannerTest {
  private static final Instant NOW = Jobs.T0;
  private static long seq;

  private static Candidate agent(String id, String total, String free, String rack) {
    return new Candidate(AgentId.of(id), id, rack == null ? Map.of() : Map.of("rack", rack),
        Resources.parse(total), free.isEmpty() ? Resources.EMPTY : Resources.parse(free));
  }

  private static Job job(String name, String resources, int gang, Constraint... constraints) {
    seq++;
    JobSpec spec = new JobSpec(name, "true", Resources.parse(resources), 0, null,
        List.of(constraints), RestartPolicy.NEVER, gang, null);
    return Job.submitted(JobId.of(name), spec, seq, NOW);
  }

  private static JobPlanner.Plan plan(Scorer scorer, List<Job> jobs, Candidate... agents) {
    return new JobPlanner(scorer).plan(jobs, List.of(agents), NOW);
  }

  @Test
  void aGangStartsWholeOrWaitsAndSmallerJobsBehindItStillRun() {
    // Two agents with 2 free cpus each and one with 1 cpu in all: a gang of three 2-cpu tasks
    // fits only twice, so none of it starts; the 1-cpu job behind it takes agent "a".
    Job gang = job("gang", "cpus:2", 3);
    Job small = job("small", "cpus:1", 1);
    JobPlanner.Plan plan = plan(Scorer.BEST_FIT, List.of(gang, small),
        agent("a", "cpus:2", "cpus:2", null),
        agent("b", "cpus:2", "cpus:2", null),
        agent("c", "cpus:1", "cpus:1", null));
    assertThat(plan.launches()).containsOnlyKeys(small.id());
    WhyPending why = plan.pending().get(gang.id());
    assertThat(why.summary()).isEqualTo("only 2 of 3 gang tasks fit at once (a gang starts whole"
        + " or not at all); for the next one: 2 agents lack free cpus (needs 2);"
        + " 1 agent has too few cpus in total (needs 2)");
    assertThat(why.reasons()).extracting(WhyPending.Reason::code, WhyPending.Reason::agents)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Rejection.Reason.INSUFFICIENT_FREE, 2),
            org.assertj.core.groups.Tuple.tuple(Rejection.Reason.AGENT_TOO_SMALL, 1));
  }

  @Test
  void aGangThatFitsIsPlacedWholeAcrossAgents() {
    Job gang = job("gang", "cpus:2", 3);
    JobPlanner.Plan plan = plan(Scorer.SPREAD, List.of(gang),
        agent("a", "cpus:2", "cpus:2", null),
        agent("b", "cpus:2", "cpus:2", null),
        agent("c", "cpus:2", "cpus:2", null));
    assertThat(plan.launches().get(gang.id())).containsOnlyKeys(0, 1, 2)
        .containsValues(AgentId.of("a"), AgentId.of("b"), AgentId.of("c"));
    assertThat(plan.unused()).isEmpty();
  }

  @Test
  void whyAggregatesEveryAgentsRejectionPerReasonWithASentence() {
    // Three r1 agents with 2 of 8 cpus free, two r2 agents idle: a 4-cpu task for rack r1.
    Job job = job("picky", "cpus:4", 1, new Constraint("rack", Constraint.Operator.EQUALS, "r1"));
    JobPlanner.Plan plan = plan(Scorer.BEST_FIT, List.of(job),
        agent("r1-a", "cpus:8", "cpus:2", "r1"),
        agent("r1-b", "cpus:8", "cpus:2", "r1"),
        agent("r1-c", "cpus:8", "", "r1"),
        agent("r2-a", "cpus:8", "cpus:8", "r2"),
        agent("r2-b", "cpus:8", "cpus:8", "r2"));
    assertThat(plan.pending().get(job.id()).summary()).isEqualTo("no agent can take its task"
        + " now: 3 agents lack free cpus (needs 4); 2 agents fail constraint rack EQUALS r1");
    assertThat(plan.unused()).as("offers held for agents that got nothing")
        .containsExactlyInAnyOrder(AgentId.of("r1-a"), AgentId.of("r1-b"), AgentId.of("r2-a"),
            AgentId.of("r2-b"));
  }

  @Test
  void whySaysWhenWaitingCannotHelp() {
    Job job = job("huge", "cpus:64;mem:10", 1);
    WhyPending why = plan(Scorer.BEST_FIT, List.of(job), agent("a", "cpus:8;mem:100",
        "cpus:8;mem:100", null)).pending().get(job.id());
    assertThat(why.summary()).isEqualTo("no agent can take its task now (no agent could take it"
        + " even when idle: change the job or add agents): 1 agent has too few cpus in total"
        + " (needs 64)");
  }

  // Agent "full" has 1 of 4 cpus free, "idle" 4 of 4: the 1-cpu job.
  @ParameterizedTest(name = "{0} puts the job on {1}")
  @CsvSource({"BEST_FIT, full", "SPREAD, idle", "DOT_PRODUCT, idle"})
  void theScorerDecidesWhereAJobGoes(Scorer scorer, String expected) {
    Job job = job("j", "cpus:1", 1);
    JobPlanner.Plan plan = plan(scorer, List.of(job),
        agent("full", "cpus:4", "cpus:1", null), agent("idle", "cpus:4", "cpus:4", null));
    assertThat(plan.launches().get(job.id())).containsEntry(0, AgentId.of(expected));
  }

  @Test
  void earlierJobsInQueueOrderTakeResourcesFirst() {
    Job first = job("first", "cpus:3", 1);
    Job second = job("second", "cpus:3", 1);
    JobPlanner.Plan plan = plan(Scorer.BEST_FIT, List.of(second, first),
        agent("a", "cpus:4", "cpus:4", null));
    assertThat(plan.launches()).containsOnlyKeys(second.id());
    assertThat(plan.pending().get(first.id()).summary()).contains("1 agent lacks free cpus");
  }

  @Test
  void aJobInBackoffWaitsAndSaysSo() {
    Job failed = job("retry", "cpus:1", 1);
    JobSpec withRetry = new JobSpec("retry", "true", Resources.parse("cpus:1"), 0, null,
        List.of(), new RestartPolicy(1, Duration.ofMinutes(1)), 1, null);
    Job waiting = new Job(failed.id(), withRetry, 1, NOW, Job.State.PENDING, 1,
        NOW.plusSeconds(30), List.of(), "attempt 1 of 2 failed; retrying", null, null);
    JobPlanner.Plan plan = plan(Scorer.BEST_FIT, List.of(waiting),
        agent("a", "cpus:4", "cpus:4", null));
    assertThat(plan.launches()).isEmpty();
    assertThat(plan.pending().get(failed.id()).summary()).contains("retrying");
    assertThat(plan.unused()).containsExactly(AgentId.of("a"));
  }

  @Test
  void withoutAgentsThePlannerSaysSo() {
    Job job = job("lonely", "cpus:1", 1);
    assertThat(new JobPlanner(Scorer.BEST_FIT).plan(List.of(job), List.of(), NOW).pending()
        .get(job.id()).summary()).isEqualTo("no active agents in the cluster");
  }
}
