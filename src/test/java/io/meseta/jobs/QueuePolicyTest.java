package io.meseta.jobs;

import static io.meseta.jobs.Jobs.job;
import static io.meseta.jobs.Jobs.minute;
import static io.meseta.jobs.Jobs.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuePolicyTest {
  private static List<String> order(QueuePolicy policy, double atMinute, double aging,
      Job... jobs) {
    List<Job> list = new ArrayList<>(List.of(jobs));
    list.sort(policy.order(minute(atMinute), aging));
    return names(list);
  }

  @Test
  void fcfsIsSubmissionOrderWhateverThePriorityOrRuntime() {
    assertThat(order(QueuePolicy.FCFS, 0, 1,
        job(3, "c", 100, Duration.ofSeconds(1), 0),
        job(1, "a", 0, Duration.ofHours(1), 0),
        job(2, "b", 50, null, 0)))
        .containsExactly("a", "b", "c");
  }

  @Test
  void sjfRunsTheShortestDeclaredRuntimeFirstAndUndeclaredLast() {
    // a: 10 min, b: none, c: 30 s, d: none, e: 30 s (ties and undeclared keep submission order)
    assertThat(order(QueuePolicy.SJF, 0, 1,
        job(1, "a", 0, Duration.ofMinutes(10), 0),
        job(2, "b", 0, null, 0),
        job(3, "c", 0, Duration.ofSeconds(30), 0),
        job(4, "d", 0, null, 0),
        job(5, "e", 0, Duration.ofSeconds(30), 0)))
        .containsExactly("c", "e", "a", "b", "d");
  }

  @Test
  void priorityRunsTheHighestFirstAndTiesInSubmissionOrder() {
    // At minute 0 nobody has aged: 10 > 5 = 5 > 0.
    assertThat(order(QueuePolicy.PRIORITY, 0, 1,
        job(1, "low", 0, null, 0),
        job(2, "mid-1", 5, null, 0),
        job(3, "high", 10, null, 0),
        job(4, "mid-2", 5, null, 0)))
        .containsExactly("high", "mid-1", "mid-2", "low");
  }

  @Test
  void agingLetsAnOldLowPriorityJobOvertakeNewImportantOnes() {
    // aging 1 per minute, now = minute 20.
    // old  : priority 0,  submitted minute 0  -> 0 + 20 = 20
    // new  : priority 15, submitted minute 20 -> 15 + 0 = 15
    // mid  : priority 12, submitted minute 10 -> 12 + 10 = 22
    assertThat(order(QueuePolicy.PRIORITY, 20, 1,
        job(1, "old", 0, null, 0),
        job(2, "mid", 12, null, 10),
        job(3, "new", 15, null, 20)))
        .containsExactly("mid", "old", "new");
    // Without aging the declared priorities alone decide.
    assertThat(order(QueuePolicy.PRIORITY, 20, 0,
        job(1, "old", 0, null, 0),
        job(2, "mid", 12, null, 10),
        job(3, "new", 15, null, 20)))
        .containsExactly("new", "mid", "old");
  }

  @Test
  void nothingStarvesUnderAStreamOfHigherPriorityWork() {
    // Every minute a priority-10 job arrives and the head of the queue runs. With aging 2/min
    // the priority-0 job at minute 0 reaches 10 at minute 5 and wins ties by age from then on:
    // at minute m it has 2m, the newcomer of minute m has 10 and older newcomers have run.
    double aging = 2;
    List<Job> queue = new ArrayList<>(List.of(job(0, "starving", 0, null, 0)));
    String ranAt = null;
    for (int m = 0; m < 30 && ranAt == null; m++) {
      queue.add(job(m + 1, "urgent-" + m, 10, null, m));
      queue.sort(QueuePolicy.PRIORITY.order(minute(m), aging));
      Job head = queue.remove(0);
      if (head.spec().name().equals("starving")) {
        ranAt = "minute " + m;
      }
    }
    assertThat(ranAt).isEqualTo("minute 5");
  }

  @Test
  void effectivePriorityIsDeclaredPlusAgingTimesMinutesWaited() {
    Job job = job(1, "a", 3, null, 0);
    assertThat(QueuePolicy.effectivePriority(job, minute(1.5), 2)).isEqualTo(6.0);
    assertThat(QueuePolicy.effectivePriority(job, minute(0), 2)).isEqualTo(3.0);
  }

  @Test
  void queuesTakeTurnsEachInItsOwnPolicy() {
    // batch (sjf): b-long 10 min, b-short 1 min; default (fcfs): d1, d2, d3.
    JobQueues queues = new JobQueues(QueuePolicy.FCFS, Map.of("batch", QueuePolicy.SJF), 1);
    List<Job> pending = List.of(
        Jobs.inQueue(1, "d1", null),
        Job.submitted(JobId.numbered(2), Jobs.spec("b-long", 0, Duration.ofMinutes(10), "batch"),
            2, Jobs.T0),
        Jobs.inQueue(3, "d2", null),
        Job.submitted(JobId.numbered(4), Jobs.spec("b-short", 0, Duration.ofMinutes(1), "batch"),
            4, Jobs.T0),
        Jobs.inQueue(5, "d3", null));
    assertThat(names(queues.order(pending, Jobs.T0)))
        .containsExactly("b-short", "d1", "b-long", "d2", "d3");
  }

  @Test
  void unknownPoliciesSayWhichExist() {
    assertThat(QueuePolicy.parse(" sjf ")).isEqualTo(QueuePolicy.SJF);
    assertThatThrownBy(() -> QueuePolicy.parse("lifo"))
        .hasMessage("unknown queue policy 'lifo'; use one of fcfs, sjf, priority");
    assertThatThrownBy(() -> new JobQueues(QueuePolicy.FCFS, Map.of(), -1))
        .hasMessageContaining("aging_per_minute");
  }
}
