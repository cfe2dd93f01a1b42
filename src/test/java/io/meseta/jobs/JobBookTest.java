package io.meseta.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.AgentId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobBookTest {
  private static final Instant T0 = Jobs.T0;

  private static Job runOne(JobBook book, String name) {
    Job job = book.submit(JobSpec.simple(name, "true", "cpus:1", 0), T0);
    book.launched(job, List.of(new Job.TaskRun(0, job.taskId(0), AgentId.of("a"), "h", 1,
        Job.TaskPhase.STAGING)), T0);
    return job;
  }

  @Test
  void statusUpdatesFindTheirJobByTaskId() {
    JobBook book = new JobBook(10);
    Job job = runOne(book, "a");
    assertThat(book.liveTaskIds()).containsExactly("job-1-0");
    assertThat(book.taskChanged("job-1-0", Job.TaskPhase.FINISHED, null, T0)).isPresent();
    assertThat(book.get(job.id()).orElseThrow().state()).isEqualTo(Job.State.FINISHED);
    assertThat(book.taskChanged("someone-elses-task", Job.TaskPhase.FAILED, null, T0)).isEmpty();
  }

  @Test
  void onlyTheNewestEndedJobsAreKept() {
    JobBook book = new JobBook(2);
    for (String name : List.of("a", "b", "c")) {
      Job job = runOne(book, name);
      book.taskChanged(job.taskId(0), Job.TaskPhase.FINISHED, null, T0);
    }
    Job pending = book.submit(JobSpec.simple("d", "true", "cpus:1", 0), T0);
    assertThat(book.list(null)).extracting(j -> j.spec().name()).containsExactly("b", "c", "d");
    assertThat(book.pending()).containsExactly(pending);
    assertThat(book.taskChanged("job-1-0", Job.TaskPhase.FAILED, null, T0))
        .as("updates of a forgotten job").isEmpty();
  }
}
