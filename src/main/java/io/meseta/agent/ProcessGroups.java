package io.meseta.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals a whole process group. Java can only signal single processes, so this runs
 * {@code kill -s SIG -- -PGID} (procps), which the kernel applies to the group atomically:
 * children forked a moment before are hit too. Blocking (spawns a short-lived process).
 */
final class ProcessGroups {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessGroups.class);
  private static final Optional<Path> KILL = Executables.find("kill");
  /** Our own group: a bug that signals it would take the agent down with the task. */
  private static final long OWN_PID = ProcessHandle.current().pid();

  enum Signal {
    TERM,
    KILL
  }

  private ProcessGroups() {}

  /** Returns quietly when the group has no members left (the usual case after an exit). */
  static void signal(long pgid, Signal signal) {
    if (pgid <= 1 || pgid == OWN_PID) {
      throw new IllegalArgumentException("refusing to signal process group " + pgid);
    }
    if (KILL.isPresent()) {
      try {
        Process kill =
            new ProcessBuilder(KILL.get().toString(), "-s", signal.name(), "--", "-" + pgid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (kill.waitFor(5, TimeUnit.SECONDS)) {
          return; // exit 1 = no such group: nothing left to signal
        }
        kill.destroyForcibly();
        LOG.warn("kill -{} -{} hung; signalling the group's processes one by one", signal, pgid);
      } catch (IOException e) {
        LOG.warn("cannot run kill; signalling group {} process by process", pgid, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    signalMembers(pgid, signal);
  }

  /** Fallback without procps: not atomic, so a member forked meanwhile may escape one round. */
  private static void signalMembers(long pgid, Signal signal) {
    ProcessHandle.allProcesses()
        .filter(p -> processGroupOf(p.pid()) == pgid)
        .forEach(p -> {
          if (signal == Signal.KILL) {
            p.destroyForcibly();
          } else {
            p.destroy();
          }
        });
  }

  /** The pgrp field of /proc/PID/stat, or -1 when the process is gone. */
  static long processGroupOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after
      // the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
