package io.meseta.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import io.meseta.jobs.Job.State;
import io.meseta.jobs.Job.TaskPhase;
import io.meseta.jobs.Job.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTest {
  private static final Instant T0 = Jobs.T0;

  private static Job pending(int gang, int maxRetries) {
    JobSpec spec = new JobSpec("j", "true", Resources.parse("cpus:1"), 0, null, List.of(),
        new RestartPolicy(maxRetries, Duration.ofSeconds(10)), gang, null);
    return Job.submitted(JobId.of("job-1"), spec, 1, T0);
  }

  private static Job launch(Job job) {
    List<TaskRun> runs = new ArrayList<>();
    for (int i = 0; i < job.spec().gangSize(); i++) {
      runs.add(new TaskRun(i, job.taskId(i), AgentId.of("a" + i), "127.0.0.1", 5051,
          TaskPhase.STAGING));
    }
    return job.launched(runs, T0);
  }

  @Test
  void aJobRunsThroughItsStatesAsItsTasksReport() {
    Job job = launch(pending(2, 0));
    assertThat(job.state()).isEqualTo(State.STAGING);
    assertThat(job.tasks()).extracting(TaskRun::taskId).containsExactly("job-1-0", "job-1-1");

    job = job.taskChanged("job-1-0", TaskPhase.RUNNING, null, T0.plusSeconds(1)).job();
    assertThat(job.state()).as("one of two running").isEqualTo(State.STAGING);
    job = job.taskChanged("job-1-1", TaskPhase.RUNNING, null, T0.plusSeconds(2)).job();
    assertThat(job.state()).isEqualTo(State.RUNNING);
    assertThat(job.startedAt()).isEqualTo(T0.plusSeconds(2));

    job = job.taskChanged("job-1-0", TaskPhase.FINISHED, null, T0.plusSeconds(3)).job();
    assertThat(job.state()).isEqualTo(State.RUNNING);
    job = job.taskChanged("job-1-1", TaskPhase.FINISHED, null, T0.plusSeconds(4)).job();
    assertThat(job.state()).isEqualTo(State.FINISHED);
    assertThat(job.endedAt()).isEqualTo(T0.plusSeconds(4));
  }

  @Test
  void aFailureWithRetriesLeftGoesBackToPendingAfterTheBackoff() {
    Job job = launch(pending(1, 2));
    Job.Transition t = job.taskChanged("job-1-0", TaskPhase.FAILED, "exit 3", T0.plusSeconds(5));
    job = t.job();
    assertThat(job.state()).isEqualTo(State.PENDING);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.notBefore()).isEqualTo(T0.plusSeconds(15));
    assertThat(job.readyAt(T0.plusSeconds(14))).isFalse();
    assertThat(job.readyAt(T0.plusSeconds(15))).isTrue();
    assertThat(job.message()).contains("attempt 1 of 3 failed").contains("exit 3");
    assertThat(job.taskId(0)).as("a retry gets a fresh task id").isEqualTo("job-1-0-retry1");

    job = launch(job).taskChanged("job-1-0-retry1", TaskPhase.LOST, null, T0.plusSeconds(20))
        .job();
    assertThat(job.attempt()).isEqualTo(2);
    job = launch(job).taskChanged("job-1-0-retry2", TaskPhase.FAILED, "exit 3", T0.plusSeconds(40))
        .job();
    assertThat(job.state()).isEqualTo(State.FAILED);
    assertThat(job.message()).contains("exit 3").contains("after 3 attempts");
  }

  @Test
  void aMovedJobIsPendingAtOnceWithTheSameAttemptAndAFreshTaskId() {
    Job job = launch(pending(1, 2))
        .taskChanged("job-1-0", TaskPhase.RUNNING, null, T0).job();
    Job moved = job.moved("job-1-0", "moved off agent a1").job();
    assertThat(moved.state()).isEqualTo(State.PENDING);
    assertThat(moved.readyAt(T0)).isTrue();
    assertThat(moved.attempt()).as("a move is not a retry").isZero();
    assertThat(moved.moves()).isEqualTo(1);
    assertThat(moved.message()).isEqualTo("moved off agent a1");
    assertThat(moved.taskId(0)).isEqualTo("job-1-0-move1");
    // The KILLED update of the moved task belongs to no current task: nothing changes.
    assertThat(moved.taskChanged("job-1-0", TaskPhase.KILLED, null, T0).job()).isEqualTo(moved);
  }

  @Test
  void onlyALiveSingleTaskJobCanBeMoved() {
    Job gang = launch(pending(2, 1));
    assertThat(gang.moved("job-1-0", "x").job()).isSameAs(gang);
    Job pending = pending(1, 1);
    assertThat(pending.moved("job-1-0", "x").job()).isSameAs(pending);
  }

  @Test
  void aGangMemberFailingKillsTheRestOfTheGang() {
    Job job = launch(pending(3, 0));
    job = job.taskChanged("job-1-2", TaskPhase.FINISHED, null, T0).job();
    Job.Transition t = job.taskChanged("job-1-0", TaskPhase.FAILED, "boom", T0);
    assertThat(t.job().state()).isEqualTo(State.FAILED);
    assertThat(t.toKill()).extracting(TaskRun::taskId).containsExactly("job-1-1");
  }

  @Test
  void updatesOfAnEarlierAttemptChangeNothing() {
    Job retrying = launch(pending(1, 1))
        .taskChanged("job-1-0", TaskPhase.FAILED, null, T0).job();
    Job again = launch(retrying);
    assertThat(again.taskChanged("job-1-0", TaskPhase.KILLED, null, T0).job()).isEqualTo(again);
  }

  @Test
  void killingIsFinalAtOnceAndNamesTheLiveTasks() {
    assertThat(pending(1, 0).kill(T0).job().state()).isEqualTo(State.KILLED);
    assertThat(pending(1, 0).kill(T0).toKill()).isEmpty();

    Job running = launch(pending(2, 5)).taskChanged("job-1-0", TaskPhase.RUNNING, null, T0).job();
    Job.Transition t = running.kill(T0);
    assertThat(t.job().state()).isEqualTo(State.KILLED);
    assertThat(t.toKill()).hasSize(2);
    // The tasks' KILLED updates that follow neither retry nor change the state.
    Job after = t.job().taskChanged("job-1-0", TaskPhase.KILLED, null, T0).job();
    assertThat(after.state()).isEqualTo(State.KILLED);
    assertThat(after.tasks().get(0).phase()).isEqualTo(TaskPhase.KILLED);
  }

  @Test
  void onlyAPendingJobLaunchesAndOnlyAsAWholeGang() {
    Job gang = pending(2, 0);
    assertThatThrownBy(() -> gang.launched(List.of(new TaskRun(0, "job-1-0", AgentId.of("a"),
        "h", 1, TaskPhase.STAGING)), T0)).hasMessageContaining("needs 2 tasks");
    Job finished = launch(pending(1, 0)).taskChanged("job-1-0", TaskPhase.FINISHED, null, T0)
        .job();
    assertThatThrownBy(() -> launch(finished)).hasMessageContaining("only a PENDING job");
  }
}
