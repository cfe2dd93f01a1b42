package io.meseta.agent.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process as the kernel knows it: its pid and its start time ({@code starttime}, field 22 of
 * {@code /proc/PID/stat}, in clock ticks since boot). Pids are recycled; the pair is not, so a
 * restarted agent never mistakes a stranger that got the same pid for its task.
 */
public record ProcessIdentity(long pid, long startTime) {

  /** The identity of a running process; empty when it is gone (or /proc is unreadable). */
  public static Optional<ProcessIdentity> of(long pid) {
    return startTimeOf(pid).map(start -> new ProcessIdentity(pid, start));
  }

  /** Whether this very process still runs (same pid and same start time); blocking, cheap. */
  public boolean isAlive() {
    return startTimeOf(pid).map(start -> start == startTime).orElse(false);
  }

  static Optional<Long> startTimeOf(long pid) {
    if (pid <= 0) {
      return Optional.empty();
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (comm) state ppid ...": comm may hold spaces and ')', so split after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      if (fields[0].equals("Z")) {
        return Optional.empty(); // a zombie has exited; only its parent's wait is missing
      }
      return Optional.of(Long.parseLong(fields[19]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
