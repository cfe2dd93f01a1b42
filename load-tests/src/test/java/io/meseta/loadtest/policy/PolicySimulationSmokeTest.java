package io.meseta.loadtest.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.placement.Scorer;
import io.meseta.jobs.QueuePolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the policy simulation working at a tiny size (200 jobs on 20 agents, every queue policy and
 * scorer): every job finishes, the table is written where asked, and the fast round gives exactly the
 * placements of one {@code JobPlanner.plan} call per round. Not a benchmark: nothing here is timed.
 */
class PolicySimulationSmokeTest {

  private static PolicyCommand tiny(Path output) {
    PolicyCommand command = new PolicyCommand();
    command.jobs = 200;
    command.agents = 20;
    command.seed = 7;
    command.output = output;
    return command;
  }

  @Test
  void everyJobFinishesUnderEveryPolicyAndScorerAndTheTableIsWritten(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("policies.md");

    List<SimResult> results = tiny(output).runAll(new PrintStream(new ByteArrayOutputStream()));

    assertThat(results).hasSize(QueuePolicy.values().length * Scorer.values().length);
    for (SimResult r : results) {
      assertThat(r.finished()).as("%s / %s finished", r.policy(), r.scorer()).isEqualTo(200);
      assertThat(r.failed()).isZero();
      assertThat(r.makespanSeconds()).isPositive();
      assertThat(r.cpuUtilisation()).isBetween(0.0, 1.0);
      if (r.policy() != QueuePolicy.PRIORITY) {
        assertThat(r.preemptionPlans()).as("preemption is asked for with the priority policy only").isZero();
      }
    }
    String table = Files.readString(output);
    assertThat(table).contains("| fcfs | best-fit | 200/200", "| sjf | dot-product | 200/200",
        "| priority | spread | 200/200", "Seed: 7");
  }

  @Test
  void theShortcutRoundPlacesExactlyAsTheWholeQueuePlannerDoes(@TempDir Path dir) throws Exception {
    PolicyCommand fast = tiny(dir.resolve("fast.md"));
    PolicyCommand whole = tiny(dir.resolve("whole.md"));
    whole.noShortcut = true;
    for (PolicyCommand command : List.of(fast, whole)) {
      command.jobs = 100;
      // Two runs that exercise gangs, every scorer's kind (pack, spread) and preemption's requeues.
      command.policies = List.of(QueuePolicy.SJF, QueuePolicy.PRIORITY);
      command.scorers = List.of(Scorer.SPREAD, Scorer.BEST_FIT);
    }
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    List<SimResult> a = fast.runAll(quiet);
    List<SimResult> b = whole.runAll(quiet);

    assertThat(a).hasSize(4).allMatch(r -> r.finished() == 100);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).usingRecursiveComparison().ignoringFields("wallMillis").isEqualTo(b.get(i));
    }
  }
}
