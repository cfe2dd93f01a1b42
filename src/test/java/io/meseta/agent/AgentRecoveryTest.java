package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.checkpoint.AgentCheckpoint;
import io.meseta.agent.checkpoint.CheckpointStore;
import io.meseta.agent.checkpoint.ExecutorCheckpoint;
import io.meseta.agent.checkpoint.ProcessIdentity;
import io.meseta.agent.checkpoint.TaskCheckpoint;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.CommandSpec;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.TaskSpec;
import io.meseta.protocol.agent.TaskStatusReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An agent started on a work dir that holds the checkpoint of an earlier life, as a crash leaves
 * it (the processes are started here, the way that life would have started them).
 */
class AgentRecoveryTest extends AgentTestSupport {
  private static final String OLD_ID = "agent-before-the-crash";

  private TaskSpec shell(String taskId, String script) {
    return new TaskSpec(FRAMEWORK, taskId, "test " + taskId, "cpus:0.1;mem:32",
        new CommandSpec(true, script, List.of(), Map.of()), 0);
  }

  /** Starts the task as the agent would, and checkpoints it as running. */
  private ProcessIdentity launchAsBefore(CheckpointStore store, TaskSpec spec) throws Exception {
    store.prepareTaskDir(FRAMEWORK, spec.taskId());
    TaskProcess process = new TaskLauncher(new Sandboxes(workDir))
        .launch(spec, OLD_ID, store.exitStatusFile(FRAMEWORK, spec.taskId()));
    seenPids.add(process.pid());
    ProcessIdentity identity = ProcessIdentity.of(process.pid()).orElseThrow();
    store.write(store.taskFile(FRAMEWORK, spec.taskId()), new TaskCheckpoint(spec, identity,
        process.sandbox().toString(), TaskState.TASK_RUNNING, false));
    return identity;
  }

  private CheckpointStore checkpointOfEarlierLife() {
    CheckpointStore store = new CheckpointStore(vertx, workDir);
    store.write(store.agentFile(), new AgentCheckpoint(OLD_ID));
    master.agentId = OLD_ID;
    return store;
  }

  @Test
  void liveTasksAreReadoptedAndTheEndedOnesReportedWithTheirReason() throws Exception {
    CheckpointStore store = checkpointOfEarlierLife();
    ProcessIdentity alive = launchAsBefore(store, shell("alive", "sleep 600"));
    ProcessIdentity three = launchAsBefore(store, shell("three", "sleep 0.2; exit 3"));
    ProcessIdentity killed = launchAsBefore(store, shell("killed", "sleep 600"));
    ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly(); // no exit status left
    await(store.flush());
    awaitGoneAll(List.of(three.pid(), killed.pid()));

    agent = await(AgentVerticle.deploy(vertx, config().build()));

    AgentMessage.Reregister reregister = master.next(AgentMessage.Reregister.class);
    assertThat(reregister.agentId()).isEqualTo(OLD_ID);
    assertThat(reregister.tasks()).extracting(AgentMessage.RunningTask::taskId, AgentMessage.RunningTask::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("alive", TaskState.TASK_RUNNING),
            org.assertj.core.groups.Tuple.tuple("three", TaskState.TASK_RUNNING),
            org.assertj.core.groups.Tuple.tuple("killed", TaskState.TASK_RUNNING));
    Map<String, TaskStatusReport> ended = new java.util.HashMap<>();
    for (int i = 0; i < 2; i++) {
      TaskStatusReport update = master.nextUpdate();
      ended.put(update.taskId(), update);
    }
    assertThat(ended.get("three").state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(ended.get("three").message())
        .isEqualTo("Command exited with status 3 while the agent was down");
    assertThat(ended.get("killed").state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(ended.get("killed").reason()).isEqualTo(Reason.REASON_EXECUTOR_TERMINATED);
    assertThat(ended.get("killed").message()).contains("exited while the agent was down");
    assertThat(ended.get("killed").agentId()).isEqualTo(OLD_ID);

    master.send(new AgentMessage.KillTask(FRAMEWORK, "alive", 0));
    TaskStatusReport killedNow = master.nextUpdate();
    assertThat(killedNow.taskId()).isEqualTo("alive");
    assertThat(killedNow.state()).isEqualTo(TaskState.TASK_KILLED);
    awaitGone(List.of(alive.pid()));
  }

  @Test
  void aReadoptedTaskThatExitsIsReportedWithItsExitStatus() throws Exception {
    CheckpointStore store = checkpointOfEarlierLife();
    launchAsBefore(store, shell("waits", "while [ ! -f go ]; do sleep 0.05; done; exit 4"));
    await(store.flush());

    agent = await(AgentVerticle.deploy(vertx, config().build()));
    master.next(AgentMessage.Reregister.class);
    java.nio.file.Files.writeString(sandbox("waits").resolve("go"), "");

    TaskStatusReport failed = master.nextUpdate();
    assertThat(failed.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(failed.message()).isEqualTo("Command exited with status 4");
  }

  @Test
  void anExecutorThatDoesNotSubscribeAgainInTimeIsDestroyedAndItsTasksFail() throws Exception {
    CheckpointStore store = checkpointOfEarlierLife();
    Process executor = new ProcessBuilder("sleep", "600").start();
    seenPids.add(executor.pid());
    ExecutorSpec spec = new ExecutorSpec("quiet", new CommandSpec(true, "sleep 600", List.of(),
        Map.of()), "cpus:0.1", 0, true, null, null);
    TaskSpec task = new TaskSpec(FRAMEWORK, "inside", "inside", "cpus:0.1", null, 0, spec, null);
    store.write(store.executorFile(FRAMEWORK, "quiet"), new ExecutorCheckpoint(FRAMEWORK, spec,
        ProcessIdentity.of(executor.pid()).orElseThrow(), workDir.toString(), "container-1",
        List.of(new ExecutorCheckpoint.Task(task, TaskState.TASK_RUNNING, false, true, List.of()))));
    await(store.flush());

    agent = await(AgentVerticle.deploy(vertx, config().executor(AgentConfig.ExecutorTimeouts.DEFAULTS
        .withRecoveryTimeout(Duration.ofMillis(300))).build()));

    assertThat(master.next(AgentMessage.Reregister.class).agentId()).isEqualTo(OLD_ID);
    TaskStatusReport failed = master.nextUpdate();
    assertThat(failed.taskId()).isEqualTo("inside");
    assertThat(failed.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(failed.reason()).isEqualTo(Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT);
    assertThat(failed.message()).contains("did not subscribe again within");
    assertThat(executor.waitFor(10, TimeUnit.SECONDS)).as("executor destroyed").isTrue();
  }

  @Test
  void recoverCleanupKillsWhatIsLeftAndRegistersAfresh() throws Exception {
    CheckpointStore store = checkpointOfEarlierLife();
    ProcessIdentity alive = launchAsBefore(store, shell("leftover", "sleep 600"));
    await(store.flush());

    agent = await(AgentVerticle.deploy(vertx,
        config().recover(AgentConfig.Recover.CLEANUP).build()));

    master.next(AgentMessage.Register.class);
    awaitGone(List.of(alive.pid()));
    assertThat(store.root().resolve("frameworks")).doesNotExist();
  }

  private void awaitGoneAll(List<Long> pids) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pids.stream().anyMatch(pid -> !isGone(pid)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
