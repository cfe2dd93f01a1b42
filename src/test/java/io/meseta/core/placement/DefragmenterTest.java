package io.meseta.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Defragmenter.Hole;
import io.meseta.core.placement.Defragmenter.Movable;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-made layouts. Each agent has cpus:4;mem:4096 and is written "id:free cpus" plus the
 * movable tasks on it as "job@priority=cpus" (each task also holds 256 MB per cpu). The waiting
 * task is priority 5 and asks for the given cpus (and 256 MB per cpu).
 */
class DefragmenterTest {

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("two half-full agents: one move opens a hole, the mover refits on b",
            "a:1 j1@0=1 j2@0=1 j3@0=1 | b:1 j4@0=1 j5@0=1 j6@0=1", 2.0, "a [j1]"),
        Arguments.of("the agent with the fewest moves wins over the lower agent id",
            "a:0 j1@0=0.5 j2@0=0.5 j3@0=0.5 j4@0=0.5 | b:1 j5@0=1 | c:1", 2.0, "b [j5]"),
        Arguments.of("with as many moves, the lower priority is moved",
            "a:1 j1@3=1 | b:1 j3@1=1 | c:1", 2.0, "b [j3]"),
        // a's mover (2.5 cpus) fits nowhere else; b's (1.5) fits in a's free 1.5.
        Arguments.of("movers that refit elsewhere win over movers of lower priority",
            "a:1.5 j1@0=2.5 | b:0.5 j2@1=1.5", 2.0, "b [j2]"),
        // j1 (priority 0) is taken first but does not make room; once j2 is, j1 is not needed.
        Arguments.of("movers it can do without are given back",
            "a:0.5 j1@0=0.5 j2@1=3 | b:1", 1.5, "a [j2]"),
        Arguments.of("it fits somewhere already: nothing to move",
            "a:2 j1@0=2 | b:1", 2.0, "none"),
        Arguments.of("not enough free in total: preemption's business, not defragmentation's",
            "a:0.5 j1@0=3.5 | b:0.5 j2@0=3.5", 2.0, "none"),
        Arguments.of("equal or higher priority tasks are never moved",
            "a:1 j1@5=3 | b:1 j2@7=3", 2.0, "none"),
        Arguments.of("bigger than any agent: no hole can help",
            "a:3 | b:3", 5.0, "none"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void choosesTheCheapestHole(String name, String layout, double cpus, String expected) {
    List<Candidate> agents = new ArrayList<>();
    List<Movable> movable = new ArrayList<>();
    for (String agentText : layout.split("\\|")) {
      String[] parts = agentText.trim().split(" ");
      String[] idFree = parts[0].split(":");
      AgentId id = AgentId.of(idFree[0]);
      agents.add(new Candidate(id, idFree[0], Map.of(), Resources.parse("cpus:4;mem:4096"),
          shape(Double.parseDouble(idFree[1]))));
      for (int i = 1; i < parts.length; i++) {
        String[] jobRest = parts[i].split("@");
        String[] prioCpus = jobRest[1].split("=");
        movable.add(new Movable(jobRest[0], id, Integer.parseInt(prioCpus[0]),
            shape(Double.parseDouble(prioCpus[1]))));
      }
    }
    Optional<Hole> hole = Defragmenter.plan(new TaskShape(shape(cpus), List.of()), 5, agents,
        movable);
    assertThat(hole.map(h -> h.agent().value() + " " + h.movedIds()).orElse("none"))
        .isEqualTo(expected);
  }

  @Test
  void onlyAgentsMeetingTheConstraintsAreOpened() {
    Candidate a = new Candidate(AgentId.of("a"), "a", Map.of("rack", "r1"),
        Resources.parse("cpus:4;mem:4096"), shape(1));
    Candidate b = new Candidate(AgentId.of("b"), "b", Map.of("rack", "r2"),
        Resources.parse("cpus:4;mem:4096"), shape(1));
    List<Movable> movable = List.of(new Movable("j1", a.id(), 0, shape(1)),
        new Movable("j2", b.id(), 0, shape(1)));
    TaskShape onR2 = new TaskShape(shape(2), List.of(new Constraint("rack", Constraint.Operator.EQUALS, "r2")));
    Hole hole = Defragmenter.plan(onR2, 5, List.of(a, b), movable).orElseThrow();
    assertThat(hole.agent()).isEqualTo(b.id());
    assertThat(hole.why()).isEqualTo("waiting for a hole being opened on agent b by moving j2"
        + " (lower priority, restartable) to make room for cpus:2;mem:512; they restart"
        + " elsewhere");
  }

  private static Resources shape(double cpus) {
    return Resources.parse("cpus:" + cpus + ";mem:" + (256 * cpus));
  }
}
