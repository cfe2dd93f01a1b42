package io.meseta.agent.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.CommandSpec;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.TaskSpec;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint's files: what is written is read back, and a damaged file is skipped. */
class CheckpointStoreTest {
  @TempDir Path work;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static final TaskSpec TASK = new TaskSpec("fw-1", "task-1", "a task", "cpus:0.1",
      new CommandSpec(true, "sleep 30", List.of(), Map.of("A", "b")), 1500);

  private static TaskStatusReport update(TaskState state, String uuid) {
    return new TaskStatusReport("fw-1", "task-1", "agent-1", state, Reason.REASON_TASK_KILLED_DURING_LAUNCH,
        StatusSource.SOURCE_AGENT, "why", 1.5, uuid);
  }

  @Test
  void whatIsWrittenIsReadBackAfterAFlush() throws Exception {
    CheckpointStore store = new CheckpointStore(vertx, work);
    ProcessIdentity self = ProcessIdentity.of(ProcessHandle.current().pid()).orElseThrow();
    TaskCheckpoint task = new TaskCheckpoint(TASK, self, "/sandbox", TaskState.TASK_RUNNING, false);
    UpdatesCheckpoint updates = new UpdatesCheckpoint(
        List.of(update(TaskState.TASK_RUNNING, "u1"), update(TaskState.TASK_FAILED, "u2")),
        true, TaskState.TASK_STARTING);
    ExecutorSpec executorSpec = new ExecutorSpec("ex-1",
        new CommandSpec(true, "java Echo", List.of(), Map.of()), "cpus:0.1", 2000, true, null, null);
    ExecutorCheckpoint executor = new ExecutorCheckpoint("fw-1", executorSpec, self, "/ex",
        "container-1", List.of(new ExecutorCheckpoint.Task(TASK, TaskState.TASK_RUNNING, false,
            true, List.of("u3"))));

    store.write(store.agentFile(), new AgentCheckpoint("agent-1"));
    store.write(store.taskFile("fw-1", "task-1"), task);
    store.write(store.updatesFile("fw-1", "task-1"), updates);
    store.write(store.executorFile("fw-1", "ex-1"), executor);
    store.flush().await(10, TimeUnit.SECONDS);

    CheckpointStore.Recovered found = new CheckpointStore(vertx, work).readAll();
    assertThat(found.agentId()).isEqualTo("agent-1");
    assertThat(found.tasks()).containsExactly(task);
    assertThat(found.updates()).containsExactly(updates);
    assertThat(found.executors()).containsExactly(executor);
    assertThat(self.isAlive()).isTrue();
  }

  @Test
  void aTornFileIsIgnoredAndTheRestIsRead() throws Exception {
    CheckpointStore store = new CheckpointStore(vertx, work);
    store.write(store.agentFile(), new AgentCheckpoint("agent-1"));
    store.write(store.taskFile("fw-1", "task-1"),
        new TaskCheckpoint(TASK, null, null, null, false));
    store.write(store.taskFile("fw-1", "task-2"),
        new TaskCheckpoint(TASK, null, null, TaskState.TASK_RUNNING, false));
    store.flush().await(10, TimeUnit.SECONDS);
    Path torn = store.taskFile("fw-1", "task-1");
    String whole = Files.readString(torn);
    Files.writeString(torn, whole.substring(0, whole.length() / 2));
    Files.writeString(store.updatesFile("fw-1", "task-2"), "");

    CheckpointStore.Recovered found = store.readAll();

    assertThat(found.tasks()).extracting(TaskCheckpoint::state).containsExactly(TaskState.TASK_RUNNING);
    assertThat(found.updates()).isEmpty();
  }

  @Test
  void deletingTheLastFileOfATaskRemovesItsDirectories() throws Exception {
    CheckpointStore store = new CheckpointStore(vertx, work);
    store.write(store.updatesFile("fw-1", "task-1"), new UpdatesCheckpoint(List.of(), false, null));
    store.flush().await(10, TimeUnit.SECONDS);
    assertThat(store.taskDir("fw-1", "task-1")).isDirectory();

    store.delete(store.updatesFile("fw-1", "task-1"));
    store.flush().await(10, TimeUnit.SECONDS);

    assertThat(store.root().resolve("frameworks")).doesNotExist();
    assertThat(store.root()).isDirectory();
  }

  @Test
  void idsCannotLeaveTheirDirectory() {
    CheckpointStore store = new CheckpointStore(vertx, work);

    assertThat(CheckpointStore.segment("..")).isEqualTo("%2E.");
    assertThat(CheckpointStore.segment("a/b\\c")).isEqualTo("a%2Fb%5Cc");
    assertThat(CheckpointStore.segment("task-1.v2_x")).isEqualTo("task-1.v2_x");
    assertThat(store.taskFile("..", "../../etc").normalize().startsWith(store.root())).isTrue();
  }

  @Test
  void aProcessIsKnownByPidAndStartTime() {
    ProcessIdentity self = ProcessIdentity.of(ProcessHandle.current().pid()).orElseThrow();

    assertThat(new ProcessIdentity(self.pid(), self.startTime() + 1).isAlive())
        .as("same pid, another start time: a recycled pid").isFalse();
    assertThat(ProcessIdentity.of(Integer.MAX_VALUE)).isEmpty();
  }
}
