package io.meseta.loadtest.sim;

import io.meseta.protocol.agent.CommandSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a simulated task "runs": the {@code LOADTEST_RUN_MILLIS} environment variable of its command if set,
 * else the seconds of a {@code sleep N} command, else zero (it finishes as soon as TASK_RUNNING is acknowledged).
 */
public final class TaskDuration {
  public static final String ENVIRONMENT_VARIABLE = "LOADTEST_RUN_MILLIS";
  private static final Pattern SLEEP = Pattern.compile("^\\s*sleep\\s+([0-9]+(?:\\.[0-9]+)?)\\s*$");

  private TaskDuration() {}

  public static long millis(CommandSpec command) {
    if (command == null) {
      return 0;
    }
    String fromEnvironment = command.environment().get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null) {
      try {
        return Math.max(0, Long.parseLong(fromEnvironment.trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    Matcher sleep = command.value() == null ? null : SLEEP.matcher(command.value());
    return sleep != null && sleep.matches() ? Math.round(Double.parseDouble(sleep.group(1)) * 1000) : 0;
  }
}
