package io.meseta.master.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import io.meseta.core.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

class StoredTasksTest {
  @Test
  void aStoredTaskComesBackAsItWasLeft() {
    TrackedTask task = new TrackedTask(new Task(TaskId.of("t-1"), FrameworkId.of("fw"),
        AgentId.of("agent-S0"), "web", Resources.parse("cpus:0.5;mem:128;ports:[31000-31001]"),
        TaskState.TASK_RUNNING, false));
    task.unackedUuid = "AAECAwQFBgcICQoLDA0ODw==";

    TrackedTask back = StoredTasks.fromJson(StoredTasks.toJson(task).copy());

    assertThat(back.task).isEqualTo(task.task);
    assertThat(back.unackedUuid).isEqualTo(task.unackedUuid);
    assertThat(StoredTasks.key(back)).isEqualTo("fw/t-1");
  }

  @Test
  void theTableJournalsAdditionsChangesAndCompletionsOfActiveTasksOnly() {
    List<String> journal = new ArrayList<>();
    TaskTable table = new TaskTable();
    table.journalTo(new TaskTable.Journal() {
      @Override
      public void changed(TrackedTask t) {
        journal.add("changed " + t.task.id().value() + " " + t.task.state());
      }

      @Override
      public void completed(TrackedTask t) {
        journal.add("completed " + t.task.id().value());
      }
    });
    TrackedTask task = new TrackedTask(Task.staging(TaskId.of("t"), FrameworkId.of("fw"),
        AgentId.of("a"), "t", Resources.parse("cpus:1")));
    table.add(task);
    task.task = task.task.withState(TaskState.TASK_FINISHED);
    task.record(TaskStatus.getDefaultInstance());
    table.complete(task);
    task.record(TaskStatus.getDefaultInstance());

    assertThat(journal).containsExactly(
        "changed t TASK_STAGING", "changed t TASK_FINISHED", "completed t");
  }
}
