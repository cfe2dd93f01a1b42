package io.meseta.agent;

import io.meseta.protocol.agent.CommandSpec;
import io.meseta.protocol.agent.ExecutorSpec;
import io.meseta.protocol.agent.TaskSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts a task's command (or a custom executor) as an OS process: in its sandbox, with stdout and stderr in files
 * there, with a clean environment, and under {@code setsid} so that the task and everything it
 * forks form one process group that a kill reaches as a whole. Blocking (creates directories,
 * forks): call it off the event loop.
 */
final class TaskLauncher {
  private final Sandboxes sandboxes;
  private final Path setsid;
  private final TaskUsers users;

  /**
   * @throws IllegalStateException when {@code setsid} (util-linux) is not installed: without it
   *     a kill could leave a task's children running
   */
  TaskLauncher(Sandboxes sandboxes) {
    this(sandboxes, AgentSecurity.EMBEDDED);
  }

  /** @param security whether and how tasks switch to their OS user */
  TaskLauncher(Sandboxes sandboxes, AgentSecurity security) {
    this.sandboxes = sandboxes;
    this.users = new TaskUsers(security);
    this.setsid =
        Executables.find("setsid")
            .orElseThrow(() -> new IllegalStateException(
                "setsid not found (package util-linux); the agent needs it to run tasks"));
  }

  /**
   * @throws IllegalArgumentException the spec cannot run (bad ids, empty command)
   * @throws IOException the sandbox cannot be created or the process cannot start
   */
  TaskProcess launch(TaskSpec spec, String agentId) throws IOException {
    return launch(spec, agentId, null);
  }

  /**
   * @param exitStatusFile where a small shell wrapper writes the command's exit status when it
   *     ends (an agent that restarted meanwhile is no longer its parent and learns it only
   *     there); null = no wrapper
   * @throws IllegalArgumentException the spec cannot run (bad ids, empty command)
   * @throws IOException the sandbox cannot be created or the process cannot start
   */
  TaskProcess launch(TaskSpec spec, String agentId, Path exitStatusFile) throws IOException {
    Objects.requireNonNull(spec.command(), "task has no command");
    Path sandbox = sandboxes.sandboxOf(spec.frameworkId(), spec.taskId());
    Optional<TaskUsers.OsUser> user = users.resolve(spec.command().user());
    List<String> line = asUser(commandLine(spec.command()), user);
    if (exitStatusFile != null) {
      line = withExitStatusFile(line, exitStatusFile); // the wrapper stays the agent's
    }
    return start(line, spec.command(), sandbox, baseEnvironment(spec, sandbox, agentId), user);
  }

  /**
   * Starts a custom executor in its own sandbox ({@link Sandboxes#executorSandboxOf}).
   *
   * @param mesosEnvironment the MESOS_* variables of the executor API
   * @throws IllegalArgumentException the ids cannot name a sandbox, or the command is empty
   * @throws IOException the sandbox cannot be created or the process cannot start
   */
  TaskProcess launchExecutor(String frameworkId, ExecutorSpec spec,
      Map<String, String> mesosEnvironment) throws IOException {
    Path sandbox = sandboxes.executorSandboxOf(frameworkId, spec.executorId());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Executables.taskPath());
    env.put("HOME", sandbox.toString());
    env.put("LANG", "C.UTF-8");
    env.put("MESOS_SANDBOX", sandbox.toString());
    env.put("MESOS_DIRECTORY", sandbox.toString());
    env.putAll(mesosEnvironment);
    Optional<TaskUsers.OsUser> user = users.resolve(spec.command().user());
    return start(asUser(commandLine(spec.command()), user), spec.command(), sandbox, env, user);
  }

  private TaskProcess start(List<String> line, CommandSpec command, Path sandbox,
      Map<String, String> base, Optional<TaskUsers.OsUser> user) throws IOException {
    Files.createDirectories(sandbox);
    ProcessBuilder builder =
        new ProcessBuilder(line)
            .directory(sandbox.toFile())
            .redirectInput(new File("/dev/null"))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()));
    Map<String, String> env = builder.environment();
    env.clear(); // the agent's own environment (credentials, JAVA_*, ...) must not leak
    env.putAll(base);
    env.put("USER", user.map(TaskUsers.OsUser::name)
        .orElse(System.getProperty("user.name", "nobody")));
    env.putAll(command.environment());
    if (user.isPresent()) {
      users.handOver(sandbox, user.get());
    }
    return new TaskProcess(builder.start(), sandbox);
  }

  /** {@code setsid -w [setpriv ... --] COMMAND}: the switch execs in place, keeping the pid. */
  private List<String> asUser(List<String> line, Optional<TaskUsers.OsUser> user) {
    if (user.isEmpty()) {
      return line;
    }
    List<String> switched = new ArrayList<>(line.subList(0, 2));
    switched.addAll(users.switchTo(user.get()));
    switched.addAll(line.subList(2, line.size()));
    return switched;
  }

  /**
   * {@code setsid -w} makes the process a session and group leader; it execs in place (the JVM's
   * children never lead a group), so the pid Java sees is the group id.
   */
  List<String> commandLine(CommandSpec command) {
    if (command.value() == null || command.value().isBlank()) {
      throw new IllegalArgumentException("command value is empty");
    }
    List<String> line = new ArrayList<>(List.of(setsid.toString(), "-w"));
    if (command.shell()) {
      line.addAll(List.of("/bin/sh", "-c", command.value()));
    } else {
      // Mesos: arguments[0] is argv[0]. Java cannot set argv[0] apart from the program, so the
      // program name stands in for it and the rest follow.
      line.add(command.value());
      List<String> arguments = command.arguments();
      line.addAll(arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size()));
    }
    return line;
  }

  /**
   * {@code setsid -w /bin/sh -c WRAPPER ...}: the wrapper (the group leader, so the task's main
   * process) runs the command as its child and writes its status to the file. Its TERM trap only
   * defers the signal: the command gets the group's SIGTERM itself and ends as it likes, and the
   * wrapper ends with its status (a trap set to a command, unlike an ignored signal, is not
   * inherited by the command).
   */
  static List<String> withExitStatusFile(List<String> line, Path exitStatusFile) {
    List<String> wrapped = new ArrayList<>(line.subList(0, 2)); // setsid -w
    wrapped.addAll(List.of("/bin/sh", "-c",
        "f=$1; shift; trap : TERM INT; \"$@\"; s=$?; echo $s > \"$f\"; exit $s",
        "meseta-task", exitStatusFile.toString()));
    wrapped.addAll(line.subList(2, line.size()));
    return wrapped;
  }

  static Map<String, String> baseEnvironment(TaskSpec spec, Path sandbox, String agentId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Executables.taskPath());
    env.put("HOME", sandbox.toString());
    env.put("LANG", "C.UTF-8");
    env.put("MESOS_SANDBOX", sandbox.toString());
    env.put("MESOS_DIRECTORY", sandbox.toString());
    env.put("MESOS_TASK_ID", spec.taskId());
    env.put("MESOS_FRAMEWORK_ID", spec.frameworkId());
    if (agentId != null) {
      env.put("MESOS_AGENT_ID", agentId);
    }
    return env;
  }
}
