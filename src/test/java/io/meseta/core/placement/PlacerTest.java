package io.meseta.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacerTest {
  private static Candidate agent(String id, String total, String free, Map<String, String> attrs) {
    return new Candidate(AgentId.of(id), id + ".example", attrs, Resources.parse(total),
        Resources.parse(free));
  }

  private static Candidate agent(String id, String total, String free) {
    return agent(id, total, free, Map.of());
  }

  // Agent "small" has 2 of 8 cpus free, "big" 6 of 8: a 2-cpu task.
  @ParameterizedTest(name = "{0} puts a 2-cpu task on {1}")
  @CsvSource({"BEST_FIT, small", "SPREAD, big"})
  void scorersChooseAsTheirNameSays(Scorer scorer, String expected) {
    List<Candidate> agents = List.of(
        agent("small", "cpus:8;mem:8000", "cpus:2;mem:2000"),
        agent("big", "cpus:8;mem:8000", "cpus:6;mem:6000"));
    Placement p = new Placer(scorer).place(List.of(TaskShape.of("cpus:2;mem:1000")), agents, false);
    assertThat(p.assignments()).containsEntry(0, AgentId.of(expected));
  }

  @Test
  void dotProductSendsCpuHeavyTasksWhereCpusArePlentiful() {
    // cpu-rich: 6/8 cpus and 1000/8000 mem free; mem-rich: 1/8 cpus and 7000/8000 mem free.
    // task 1 cpu, 100 mem: cpu-rich = (1/8)(6/8) + (100/8000)(1000/8000) = 0.0938 + 0.0016
    //                      mem-rich = (1/8)(1/8) + (100/8000)(7000/8000) = 0.0156 + 0.0109
    List<Candidate> agents = List.of(
        agent("cpu-rich", "cpus:8;mem:8000", "cpus:6;mem:1000"),
        agent("mem-rich", "cpus:8;mem:8000", "cpus:1;mem:7000"));
    Placement p = new Placer(Scorer.DOT_PRODUCT)
        .place(List.of(TaskShape.of("cpus:1;mem:100")), agents, false);
    assertThat(p.assignments()).containsEntry(0, AgentId.of("cpu-rich"));
  }

  @Test
  void whatATaskTakesIsNoLongerFreeForTheNext() {
    List<Candidate> agents = List.of(agent("a", "cpus:4;mem:4000", "cpus:4;mem:4000"));
    Placement p = new Placer(Scorer.BEST_FIT).place(List.of(
        TaskShape.of("cpus:3"), TaskShape.of("cpus:3")), agents, false);
    assertThat(p.assignments()).containsOnlyKeys(0);
    assertThat(p.unplaced().get(1)).containsEntry(Rejection.Reason.INSUFFICIENT_FREE, 1);
    assertThat(p.worthWaiting(1)).isTrue();
  }

  @Test
  void rejectionsAreCountedPerReasonSoAUserCanSeeWhyATaskWaits() {
    List<Candidate> agents = List.of(
        agent("r1-full", "cpus:8", "cpus:1", Map.of("rack", "r1")),
        agent("r2", "cpus:8", "cpus:8", Map.of("rack", "r2")),
        agent("tiny", "cpus:2", "cpus:2", Map.of("rack", "r1")));
    TaskShape task = new TaskShape(Resources.parse("cpus:4"),
        List.of(new Constraint("rack", Constraint.Operator.EQUALS, "r1")));
    Placement p = new Placer(Scorer.BEST_FIT).place(List.of(task), agents, false);
    assertThat(p.unplaced().get(0)).containsExactlyInAnyOrderEntriesOf(Map.of(
        Rejection.Reason.CONSTRAINT_NOT_MET, 1,
        Rejection.Reason.INSUFFICIENT_FREE, 1,
        Rejection.Reason.AGENT_TOO_SMALL, 1));
  }

  @Test
  void aGangIsPlacedWholeOrNotAtAll() {
    List<Candidate> agents = List.of(agent("a", "cpus:4", "cpus:4"), agent("b", "cpus:4", "cpus:4"));
    List<TaskShape> fits = List.of(TaskShape.of("cpus:4"), TaskShape.of("cpus:4"));
    assertThat(new Placer(Scorer.BEST_FIT).place(fits, agents, true).assignments()).hasSize(2);

    List<TaskShape> tooMany = List.of(TaskShape.of("cpus:4"), TaskShape.of("cpus:4"),
        TaskShape.of("cpus:4"));
    Placement p = new Placer(Scorer.BEST_FIT).place(tooMany, agents, true);
    assertThat(p.assignments()).isEmpty();
    assertThat(p.unplaced()).containsOnlyKeys(0, 1, 2);
  }

  @Test
  void constraintsMatchHostnamesAndAttributes() {
    Candidate a = agent("a", "cpus:1", "cpus:1", Map.of("os", "debian12"));
    Placer placer = new Placer(Scorer.SPREAD);
    assertThat(placer.firstRejection(new TaskShape(Resources.parse("cpus:1"), List.of(
        new Constraint("hostname", Constraint.Operator.EQUALS, "a.example"),
        new Constraint("os", Constraint.Operator.MATCHES, "debian.*"),
        new Constraint("gpu", Constraint.Operator.NOT_EXISTS, null))), a)).isEmpty();
    assertThat(placer.firstRejection(new TaskShape(Resources.parse("cpus:1"), List.of(
        new Constraint("os", Constraint.Operator.NOT_EQUALS, "debian12"))), a))
        .get().extracting(Rejection::reason).isEqualTo(Rejection.Reason.CONSTRAINT_NOT_MET);
  }

  @Test
  void badConstraintsAndScorersSayWhatToFix() {
    assertThatThrownBy(() -> Constraint.Operator.parse("LIKE"))
        .hasMessage("unknown constraint operator 'LIKE'; use one of EQUALS, NOT_EQUALS, EXISTS,"
            + " NOT_EXISTS, MATCHES");
    assertThatThrownBy(() -> new Constraint("os", Constraint.Operator.MATCHES, "(unclosed"))
        .hasMessageContaining("invalid regular expression");
    assertThatThrownBy(() -> new Constraint("os", Constraint.Operator.EQUALS, null))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Scorer.parse("random")).hasMessageContaining("best-fit");
    assertThat(Scorer.parse("best-fit")).isEqualTo(Scorer.BEST_FIT);
  }
}
