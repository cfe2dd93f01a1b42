package io.meseta.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An agent in a process of its own ({@code io.meseta.Main agent}), so a test can kill it the way
 * a machine dies: SIGKILL, no goodbye. Its tasks run in their own sessions and outlive it, so
 * {@link #close()} also kills every process still running under its work dir's sandboxes.
 */
final class ForkedAgent implements AutoCloseable {
  private final Process process;
  private final Path workDir;

  ForkedAgent(String master, Path workDir, String resources) throws IOException {
    this(master, workDir, resources, 0);
  }

  /**
   * @param port the agent's HTTP port; a fixed one lets a restarted agent (same work dir) be
   *     found again by the executors of the one before
   */
  ForkedAgent(String master, Path workDir, String resources, int port, String... flags)
      throws IOException {
    this(java.util.Map.of(), master, workDir, resources, port, flags);
  }

  /** @param environment added to the agent process's own (e.g. a secret that must not leak) */
  ForkedAgent(java.util.Map<String, String> environment, String master, Path workDir,
      String resources, int port, String... flags) throws IOException {
    this.workDir = workDir;
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", // starts faster; a test agent does little
        "-cp", System.getProperty("java.class.path"),
        "io.meseta.Main", "agent",
        "--master", master,
        "--port", Integer.toString(port),
        "--hostname", "127.0.0.1",
        "--work-dir", workDir.toString(),
        "--resources", resources));
    command.addAll(List.of(flags));
    if (Stream.of(flags).noneMatch(f -> f.endsWith("switch-user"))) {
      // As a test agent always did: tasks run as the agent's user (root in CI), whatever user
      // the test frameworks name; AgentHardeningTest covers switching.
      command.addAll(List.of("--no-switch-user", "--allow-root-tasks"));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    process = builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(
            workDir.resolveSibling(workDir.getFileName() + ".log").toFile()))
        .start();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: the agent vanishes without closing its socket cleanly. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    kill();
    // Tasks were started in new sessions under the work dir: find them by their cwd.
    ProcessHandle.allProcesses()
        .filter(p -> cwdUnder(p.pid()))
        .forEach(ProcessHandle::destroyForcibly);
  }

  private boolean cwdUnder(long pid) {
    try {
      return Path.of("/proc", Long.toString(pid), "cwd").toRealPath()
          .startsWith(workDir.toRealPath());
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
