package io.meseta.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Which OS user a task runs as (Mesos' {@code --switch_user}): the user its command or
 * framework names, switched to with {@code setpriv} after the sandbox is handed to that user;
 * never root unless the agent allows it. Blocking (asks {@code getent}): call it off the event
 * loop, as {@link TaskLauncher} does.
 */
final class TaskUsers {
  /** An OS user resolved from the passwd database. */
  record OsUser(String name, int uid, int gid) {}

  private final AgentSecurity policy;
  private final boolean agentRoot;
  private final String agentUser;
  private Path setpriv;

  TaskUsers(AgentSecurity policy) {
    this.policy = policy;
    this.agentRoot = agentIsRoot();
    this.agentUser = System.getProperty("user.name", "");
  }

  /** Whether this process runs as root: {@code /proc/self} belongs to its effective uid. */
  static boolean agentIsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * @param requested the command's or framework's user; null or blank when neither names one
   * @return the user to switch to; empty = run as the agent's own user
   * @throws IllegalArgumentException saying why the task cannot run and what to change
   */
  Optional<OsUser> resolve(String requested) {
    if (!policy.switchUser()) {
      if (agentRoot && !policy.allowRootTasks()) {
        throw new IllegalArgumentException("the agent runs as root without --switch-user, so"
            + " the task would run as root; start the agent with --switch-user, or allow root"
            + " tasks with --allow-root-tasks");
      }
      return Optional.empty();
    }
    if (requested == null || requested.isBlank()) {
      throw new IllegalArgumentException("the task names no user (CommandInfo.user or"
          + " FrameworkInfo.user) and the agent runs tasks with --switch-user; set one");
    }
    if (!agentRoot) {
      if (requested.equals(agentUser)) {
        return Optional.empty();
      }
      throw new IllegalArgumentException("the agent runs as '" + agentUser + "', not root, so"
          + " it cannot run the task as user '" + requested + "'; run the agent as root or"
          + " start it with --no-switch-user");
    }
    OsUser user = lookup(requested).orElseThrow(() -> new IllegalArgumentException(
        "user '" + requested + "' does not exist on agent host; create it there or run the"
            + " task as an existing user (CommandInfo.user or FrameworkInfo.user)"));
    if (user.uid() == 0 && !policy.allowRootTasks()) {
      throw new IllegalArgumentException("the task asks to run as root ('" + requested + "'),"
          + " which this agent refuses; run it as another user, or start the agent with"
          + " --allow-root-tasks");
    }
    return Optional.of(user);
  }

  /**
   * The sandbox and the files in it become the user's, as Mesos does before switching; stdout
   * and stderr are made first, so the task owns them too.
   */
  void handOver(Path sandbox, OsUser user) throws IOException {
    for (String output : List.of("stdout", "stderr")) {
      Files.newOutputStream(sandbox.resolve(output), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND).close();
    }
    UserPrincipal owner = sandbox.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(user.name());
    Files.setOwner(sandbox, owner);
    try (Stream<Path> files = Files.list(sandbox)) {
      for (Path file : files.toList()) {
        Files.setOwner(file, owner);
      }
    }
  }

  /** What goes before the command: {@code setpriv} with the user's ids and groups. */
  List<String> switchTo(OsUser user) {
    if (setpriv == null) {
      setpriv = Executables.find("setpriv").orElseThrow(() -> new IllegalStateException(
          "setpriv not found (package util-linux); the agent needs it for --switch-user"));
    }
    return List.of(setpriv.toString(), "--reuid=" + user.uid(), "--regid=" + user.gid(),
        "--init-groups", "--");
  }

  /** {@code getent passwd NAME}: local files, LDAP, whatever NSS is configured with. */
  static Optional<OsUser> lookup(String name) {
    if (!name.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*\\$?") || name.length() > 64) {
      return Optional.empty(); // not a user name any system accepts; never passed to a command
    }
    try {
      Process getent = new ProcessBuilder(
          Executables.find("getent").map(Path::toString).orElse("getent"), "passwd", name)
          .redirectErrorStream(true).start();
      String line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!getent.waitFor(10, TimeUnit.SECONDS) || getent.exitValue() != 0) {
        return Optional.empty();
      }
      String[] fields = line.trim().split(":");
      if (fields.length < 4) {
        return Optional.empty();
      }
      return Optional.of(new OsUser(fields[0], Integer.parseInt(fields[2]),
          Integer.parseInt(fields[3])));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
