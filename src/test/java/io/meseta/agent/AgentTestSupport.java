package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.CommandSpec;
import io.meseta.protocol.agent.TaskSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A scripted master, an agent pointed at it, and clean-up of every process a test started. */
@ExtendWith(VertxExtension.class)
abstract class AgentTestSupport {
  static final String FRAMEWORK = "fw-1";

  @TempDir Path workDir;
  Vertx vertx;
  ScriptedMaster master;
  AgentVerticle agent;
  /** Pids the test saw, killed in any case after it (a failed assertion must not leak them). */
  final List<Long> seenPids = new ArrayList<>();

  @BeforeEach
  void startMaster(Vertx vertx) throws Exception {
    this.vertx = vertx;
    master = ScriptedMaster.start(vertx);
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (agent != null) {
      vertx.undeploy(agent.deploymentID()).await(20, TimeUnit.SECONDS);
    }
    for (long pid : seenPids) {
      ProcessHandle.of(pid).ifPresent(p -> {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      });
    }
    master.close();
  }

  AgentConfig.Builder config() {
    return AgentConfig.builder(List.of(master.address()), workDir)
        .hostname("agent-host")
        .bindHost("127.0.0.1")
        .port(0)
        .resources("cpus:2;mem:1024;disk:1000;ports:[31000-31009]")
        .statusRetry(Duration.ofSeconds(30), Duration.ofSeconds(30))
        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .killGracePeriod(Duration.ofSeconds(2));
  }

  /** Starts an agent and waits for it to register. */
  AgentMessage startAgent(UnaryOperator<AgentConfig.Builder> tweak) throws Exception {
    agent = await(AgentVerticle.deploy(vertx, tweak.apply(config()).build()));
    return master.next(AgentMessage.Register.class);
  }

  void startAgent() throws Exception {
    startAgent(b -> b);
  }

  void awaitRegistered() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (agent.agentId() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(agent.agentId()).isEqualTo(master.agentId);
  }

  void runShell(String taskId, String script) {
    master.send(new AgentMessage.RunTask(new TaskSpec(FRAMEWORK, taskId, "test " + taskId,
        "cpus:0.1;mem:32", new CommandSpec(true, script, List.of(), Map.of()), 0)));
  }

  long pidOf(String taskId) throws Exception {
    Long pid = await(agent.runningTaskPids()).get(TaskKey.of(FRAMEWORK, taskId));
    assertThat(pid).as("pid of running task " + taskId).isNotNull();
    seenPids.add(pid);
    return pid;
  }

  /** The task's main process and its descendants, once there are {@code size} of them. */
  List<Long> familyOf(long pid, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<Long> family = List.of(pid);
    while (family.size() < size && System.nanoTime() < deadline) { // the shell forks a moment later
      Thread.sleep(20);
      family = Stream.concat(Stream.of(pid),
          ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList();
    }
    seenPids.addAll(family);
    assertThat(family).as("processes of the task").hasSize(size);
    return family;
  }

  void awaitStdout(String taskId, String text) throws Exception {
    Path stdout = sandbox(taskId).resolve("stdout");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(stdout) && Files.readString(stdout).contains(text)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(stdout).content().contains(text);
  }

  Path sandbox(String taskId) {
    return workDir.resolve("sandboxes").resolve(FRAMEWORK).resolve(taskId);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.await(15, TimeUnit.SECONDS);
  }

  /** Gone, or a zombie: in containers nobody may reap orphans, but a zombie runs nothing. */
  static boolean isGone(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void awaitGone(List<Long> pids) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && !pids.stream().allMatch(AgentTestSupport::isGone)) {
      Thread.sleep(20);
    }
    assertThat(pids).as("processes of the task").allMatch(AgentTestSupport::isGone);
  }
}
