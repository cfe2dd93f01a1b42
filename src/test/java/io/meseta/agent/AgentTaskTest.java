package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.CommandSpec;
import io.meseta.protocol.agent.TaskSpec;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Registration and the life of real task processes, against a scripted master. */
class AgentTaskTest extends AgentTestSupport {

  @Test
  void registersWithTheGivenResourcesAndItsFilesPort() throws Exception {
    var register = (AgentMessage.Register) startAgent(b -> b.attributes(Map.of("rack", "r1")));

    assertThat(register.resources()).isEqualTo("cpus:2;mem:1024;disk:1000;ports:[31000-31009]");
    assertThat(register.hostname()).isEqualTo("agent-host");
    assertThat(register.port()).isEqualTo(agent.httpPort()).isPositive();
    assertThat(register.attributes()).containsEntry("rack", "r1");
  }

  @Test
  void registersWithDetectedResourcesWhenNoneAreGiven() throws Exception {
    var register = (AgentMessage.Register) startAgent(b -> b.resources(null));

    assertThat(register.resources())
        .matches("cpus:[1-9]\\d*;mem:[1-9]\\d*;disk:\\d+;ports:\\[31000-32000](;gpus:\\d+)?");
    assertThat(agent.resources()).isEqualTo(register.resources());
  }

  @Test
  void aCommandThatSucceedsRunsThenFinishesAndItsStdoutIsServed() throws Exception {
    startAgent();
    runShell("echo", "echo hi");

    TaskStatusReport running = master.nextUpdate();
    assertThat(running.state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(running.source()).isEqualTo(StatusSource.SOURCE_EXECUTOR);
    assertThat(running.agentId()).isEqualTo(master.agentId);
    assertThat(running.uuid()).isNotBlank();
    assertThat(running.timestamp()).isGreaterThan(1.7e9);
    TaskStatusReport finished = master.nextUpdate();
    assertThat(finished.state()).isEqualTo(TaskState.TASK_FINISHED);
    assertThat(finished.message()).isEqualTo("Command exited with status 0");
    assertThat(finished.uuid()).isNotEqualTo(running.uuid());
    assertThat(Files.readString(sandbox("echo").resolve("stdout"))).isEqualTo("hi\n");

    var body = await(WebClient.create(vertx)
        .get(agent.httpPort(), "127.0.0.1", "/files/read")
        .addQueryParam("path", "sandboxes/fw-1/echo/stdout")
        .send()).bodyAsJsonObject();
    assertThat(body).isEqualTo(new JsonObject().put("data", "hi\n").put("offset", 0));
  }

  @Test
  void aNonZeroExitFailsTheTaskWithTheStatusInTheMessage() throws Exception {
    startAgent();
    runShell("exit3", "echo oops >&2; exit 3");

    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    TaskStatusReport failed = master.nextUpdate();
    assertThat(failed.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(failed.message()).contains("status 3");
    assertThat(failed.reason()).isNull();
    assertThat(Files.readString(sandbox("exit3").resolve("stderr"))).isEqualTo("oops\n");
  }

  @Test
  void killingATaskEndsItKilledAndItsProcessIsGone() throws Exception {
    startAgent();
    runShell("sleeper", "sleep 600");
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    long pid = pidOf("sleeper");

    master.send(new AgentMessage.KillTask(FRAMEWORK, "sleeper", 0));

    TaskStatusReport killed = master.nextUpdate();
    assertThat(killed.state()).isEqualTo(TaskState.TASK_KILLED);
    assertThat(killed.message()).contains("SIGTERM");
    awaitGone(List.of(pid));
  }

  @Test
  void killingATaskKillsItsWholeProcessGroup() throws Exception {
    startAgent();
    runShell("family", "sleep 600 & sleep 600 & wait");
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    List<Long> family = familyOf(pidOf("family"), 4);

    master.send(new AgentMessage.KillTask(FRAMEWORK, "family", 0));

    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_KILLED);
    awaitGone(family);
  }

  @Test
  void aTaskThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
    startAgent();
    // ignored signals stay ignored across exec, so the sleeps ignore SIGTERM too
    runShell("stubborn", "trap '' TERM; echo ready; while true; do sleep 1; done");
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    long pid = pidOf("stubborn");
    awaitStdout("stubborn", "ready"); // a kill before the trap would simply work

    long start = System.nanoTime();
    master.send(new AgentMessage.KillTask(FRAMEWORK, "stubborn", 300));

    TaskStatusReport killed = master.nextUpdate();
    assertThat(killed.state()).isEqualTo(TaskState.TASK_KILLED);
    assertThat(killed.message()).contains("SIGKILL").contains("300 ms");
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    awaitGone(List.of(pid));
  }

  @Test
  void killingAnUnknownTaskReportsItLost() throws Exception {
    startAgent();

    master.send(new AgentMessage.KillTask(FRAMEWORK, "never-ran", 0));

    TaskStatusReport lost = master.nextUpdate();
    assertThat(lost.state()).isEqualTo(TaskState.TASK_LOST);
    assertThat(lost.reason()).isEqualTo(Reason.REASON_TASK_UNKNOWN);
    assertThat(lost.source()).isEqualTo(StatusSource.SOURCE_AGENT);
    assertThat(lost.uuid()).isNotBlank();
  }

  @Test
  void shuttingDownAFrameworkKillsOnlyItsTasks() throws Exception {
    startAgent();
    runShell("a", "sleep 600");
    runShell("b", "sleep 600");
    master.send(new AgentMessage.RunTask(new TaskSpec("fw-2", "c", "c", "cpus:0.1",
        new CommandSpec(true, "sleep 600", List.of(), Map.of()), 0)));
    for (int i = 0; i < 3; i++) {
      assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    }
    List<Long> pids = List.of(pidOf("a"), pidOf("b"));

    master.send(new AgentMessage.ShutdownFramework(FRAMEWORK));

    TaskStatusReport first = master.nextUpdate();
    TaskStatusReport second = master.nextUpdate();
    assertThat(Set.of(first.taskId(), second.taskId())).containsExactlyInAnyOrder("a", "b");
    assertThat(first.state()).isEqualTo(TaskState.TASK_KILLED);
    assertThat(second.state()).isEqualTo(TaskState.TASK_KILLED);
    awaitGone(pids);
    assertThat(await(agent.runningTaskPids())).containsOnlyKeys(TaskKey.of("fw-2", "c"));
  }

  @Test
  void aTaskSeesOnlyItsOwnEnvironmentNotTheAgents() throws Exception {
    startAgent();
    master.send(new AgentMessage.RunTask(new TaskSpec(FRAMEWORK, "env", "env", "cpus:0.1",
        new CommandSpec(true, "env", List.of(), Map.of("GREETING", "hello")), 0)));

    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_FINISHED);
    Map<String, String> env = Files.readAllLines(sandbox("env").resolve("stdout")).stream()
        .filter(line -> line.contains("="))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
    String box = sandbox("env").toString();
    assertThat(env).containsEntry("GREETING", "hello")
        .containsEntry("HOME", box)
        .containsEntry("MESOS_SANDBOX", box)
        .containsEntry("MESOS_DIRECTORY", box)
        .containsEntry("MESOS_TASK_ID", "env")
        .containsEntry("MESOS_FRAMEWORK_ID", FRAMEWORK)
        .containsEntry("MESOS_AGENT_ID", master.agentId)
        .containsEntry("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    // whatever the shell itself sets (PWD, ...) is fine; nothing of the agent's environment is
    Set<String> shellOwn = Set.of("PATH", "HOME", "LANG", "PWD", "OLDPWD", "SHLVL", "_");
    Set<String> leaked = System.getenv().keySet().stream()
        .filter(name -> !shellOwn.contains(name) && env.containsKey(name))
        .collect(Collectors.toSet());
    assertThat(leaked).as("agent environment variables seen by the task").isEmpty();
    assertThat(System.getenv().keySet()).as("the agent has an environment to leak").isNotEmpty();
  }

  @Test
  void anArgvCommandPassesItsArgumentsWithoutAShell() throws Exception {
    startAgent();
    master.send(new AgentMessage.RunTask(new TaskSpec(FRAMEWORK, "argv", "argv", "cpus:0.1",
        new CommandSpec(false, "/bin/echo", List.of("echo", "two words", "$HOME"), Map.of()), 0)));

    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_FINISHED);
    assertThat(Files.readString(sandbox("argv").resolve("stdout"))).isEqualTo("two words $HOME\n");
  }

  @Test
  void anArgvCommandWithoutArgumentsRunsTheProgramAlone() throws Exception {
    startAgent();
    master.send(new AgentMessage.RunTask(new TaskSpec(FRAMEWORK, "pwd", "pwd", "cpus:0.1",
        new CommandSpec(false, "pwd", List.of(), Map.of()), 0)));

    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_FINISHED);
    assertThat(Files.readString(sandbox("pwd").resolve("stdout")).strip())
        .isEqualTo(sandbox("pwd").toRealPath().toString());
  }

  @Test
  void aTaskIdThatWouldEscapeTheSandboxFailsToLaunch() throws Exception {
    startAgent();
    runShell("../../escape", "echo should not run");

    TaskStatusReport failed = master.nextUpdate();
    assertThat(failed.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(failed.reason()).isEqualTo(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(failed.source()).isEqualTo(StatusSource.SOURCE_AGENT);
    assertThat(failed.message()).contains("task_id");
    assertThat(workDir.resolveSibling("escape")).doesNotExist();
  }

  @Test
  void stoppingTheAgentKillsItsTasks() throws Exception {
    startAgent();
    runShell("left", "sleep 600 & sleep 600 & wait");
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    List<Long> family = familyOf(pidOf("left"), 4);

    await(vertx.undeploy(agent.deploymentID()));
    agent = null;

    awaitGone(family);
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_KILLED);
  }
}
