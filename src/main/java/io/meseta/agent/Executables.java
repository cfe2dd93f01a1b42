package io.meseta.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds system programs by absolute path, so tasks' clean PATH cannot redirect them. */
final class Executables {
  private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private Executables() {}

  /** Looks in the agent's PATH, then in the standard system directories. */
  static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":" + SYSTEM_PATH;
    return Stream.of(path.split(":"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The PATH a task starts with (Mesos' default for command tasks). */
  static String taskPath() {
    return SYSTEM_PATH;
  }
}
