package io.meseta.core.preemption;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.Constraint;
import io.meseta.core.placement.TaskShape;
import io.meseta.core.resources.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreemptionPlannerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final PreemptionPolicy ON = new PreemptionPolicy(true, 1, Set.of("system"));

  private static Candidate agent(String id, String total, String free) {
    return new Candidate(AgentId.of(id), id, Map.of("rack", id.startsWith("a") ? "r1" : "r2"),
        Resources.parse(total), Resources.parse(free));
  }

  private static RunningTask task(String id, String agent, String role, int priority,
      String resources, int startedSecondsAgo) {
    return new RunningTask(TaskId.of(id), FrameworkId.of("fw-" + role), AgentId.of(agent), role,
        priority, Resources.parse(resources), NOW.minusSeconds(startedSecondsAgo));
  }

  private static Demand demand(int priority, String resources) {
    return new Demand("prod", priority, TaskShape.of(resources));
  }

  private static List<String> victims(List<PreemptionPlan> plans) {
    return plans.stream().flatMap(p -> p.victims().stream()).map(v -> v.task().id().value())
        .toList();
  }

  @Test
  void nothingIsPreemptedWhenFreeResourcesSuffice() {
    List<PreemptionPlan> plans = new PreemptionPlanner(ON).plan(List.of(demand(10, "cpus:2")),
        List.of(agent("a1", "cpus:4", "cpus:2")),
        List.of(task("t1", "a1", "batch", 0, "cpus:2", 60)), NOW);
    assertThat(plans).isEmpty();
  }

  @Test
  void theFewestVictimsWinOverCheaperButMoreNumerousOnes() {
    // a1: two 1-cpu batch tasks (priority 0) would both have to go; a2: one 2-cpu task
    // (priority 1) is enough. Fewest victims first -> a2.
    List<PreemptionPlan> plans = new PreemptionPlanner(ON).plan(List.of(demand(10, "cpus:2")),
        List.of(agent("a1", "cpus:2", "cpus:0"), agent("a2", "cpus:2", "cpus:0")),
        List.of(task("small-1", "a1", "batch", 0, "cpus:1", 60),
            task("small-2", "a1", "batch", 0, "cpus:1", 60),
            task("big", "a2", "batch", 1, "cpus:2", 60)), NOW);
    assertThat(plans).singleElement().extracting(PreemptionPlan::agent)
        .isEqualTo(AgentId.of("a2"));
    assertThat(victims(plans)).containsExactly("big");
  }

  @Test
  void lowestPriorityThenLeastWorkLostIsChosenOnAnAgent() {
    // Three 1-cpu tasks; 1 cpu needed. Priority 0 beats 1; between the two priority-0 tasks the
    // one that started 10 s ago loses less work than the one running for an hour.
    List<PreemptionPlan> plans = new PreemptionPlanner(ON).plan(List.of(demand(10, "cpus:1")),
        List.of(agent("a1", "cpus:3", "cpus:0")),
        List.of(task("old", "a1", "batch", 0, "cpus:1", 3600),
            task("young", "a1", "batch", 0, "cpus:1", 10),
            task("higher", "a1", "batch", 1, "cpus:1", 5)), NOW);
    assertThat(victims(plans)).containsExactly("young");
    assertThat(plans.get(0).victims().get(0).why())
        .contains("priority 0").contains("running 10 s").contains("needing cpus:1");
  }

  @Test
  void noMoreIsTakenFromAnAgentThanNeeded() {
    // Greedy takes a (1 cpu) then b (3 cpus) to reach 3 cpus; a alone is not needed once b goes.
    List<PreemptionPlan> plans = new PreemptionPlanner(ON).plan(List.of(demand(10, "cpus:3")),
        List.of(agent("a1", "cpus:4", "cpus:0")),
        List.of(task("a", "a1", "batch", 0, "cpus:1", 10),
            task("b", "a1", "batch", 1, "cpus:3", 10)), NOW);
    assertThat(victims(plans)).containsExactly("b");
  }

  @Test
  void protectedRolesAndTooSmallGapsAreNeverTouched() {
    PreemptionPolicy gapOfFive = new PreemptionPolicy(true, 5, Set.of("system"));
    List<PreemptionPlan> plans = new PreemptionPlanner(gapOfFive).plan(
        List.of(demand(10, "cpus:1")),
        List.of(agent("a1", "cpus:2", "cpus:0")),
        List.of(task("sys", "a1", "system", 0, "cpus:1", 10),
            task("close", "a1", "batch", 6, "cpus:1", 10)), NOW);
    assertThat(plans).isEmpty();
  }

  @Test
  void victimsAreNotCountedTwiceAcrossDemands() {
    // One 2-cpu victim can satisfy one 2-cpu demand, not two.
    List<PreemptionPlan> plans = new PreemptionPlanner(ON).plan(
        List.of(demand(10, "cpus:2"), demand(9, "cpus:2")),
        List.of(agent("a1", "cpus:2", "cpus:0")),
        List.of(task("only", "a1", "batch", 0, "cpus:2", 10)), NOW);
    assertThat(plans).singleElement().extracting(p -> p.demand().priority()).isEqualTo(10);
  }

  @Test
  void constraintsOfTheDemandDecideWhichAgentsCount() {
    Demand onRack2 = new Demand("prod", 10, new TaskShape(Resources.parse("cpus:1"),
        List.of(new Constraint("rack", Constraint.Operator.EQUALS, "r2"))));
    List<PreemptionPlan> plans = new PreemptionPlanner(ON).plan(List.of(onRack2),
        List.of(agent("a1", "cpus:1", "cpus:0"), agent("b1", "cpus:1", "cpus:0")),
        List.of(task("on-a1", "a1", "batch", 0, "cpus:1", 10),
            task("on-b1", "b1", "batch", 0, "cpus:1", 10)), NOW);
    assertThat(victims(plans)).containsExactly("on-b1");
  }

  @Test
  void disabledPlansNothing() {
    assertThat(new PreemptionPlanner(PreemptionPolicy.disabled()).plan(
        List.of(demand(10, "cpus:1")), List.of(agent("a1", "cpus:1", "cpus:0")),
        List.of(task("t", "a1", "batch", 0, "cpus:1", 10)), NOW)).isEmpty();
  }
}
