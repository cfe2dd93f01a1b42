package io.meseta.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meseta top}: a live one-screen summary of the cluster, refreshed in place until Ctrl-C
 * (or printed once with {@code --once}). It reads {@code /metrics/snapshot}, so it costs the
 * master what a metrics scrape costs.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
    description = "Show a live cluster summary: resources, tasks, agents, frameworks, sharing.")
final class TopCommand implements Callable<Integer> {
  private static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");
  private static final List<String> TASK_STATES = List.of("staging", "starting", "running",
      "killing", "unreachable", "finished", "failed", "killed", "lost", "error");
  /** ANSI: cursor home, clear screen. */
  private static final String CLEAR = "\033[H\033[2J";

  @Option(names = "--master", required = true, description = "the master, HOST:PORT")
  String master;

  @Option(names = "--interval", defaultValue = "2s", description = "refresh period, e.g. 2s")
  String interval;

  @Option(names = "--once", description = "print one summary and exit")
  boolean once;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Duration period = Settings.parseDuration("--interval", interval);
    MasterHttp http = new MasterHttp(master);
    PrintWriter out = spec.commandLine().getOut();
    while (true) {
      try {
        JsonObject metrics = http.call("GET", "/metrics/snapshot", null);
        if (!once) {
          out.print(CLEAR);
        }
        out.print(render(metrics));
        out.flush();
      } catch (MasterHttp.Refused e) {
        spec.commandLine().getErr().println("meseta top: " + e.getMessage());
        return ViewCommand.EXIT_REFUSED;
      } catch (MasterHttp.Unreachable e) {
        spec.commandLine().getErr().println("meseta top: " + e.getMessage());
        return ViewCommand.EXIT_UNREACHABLE;
      }
      if (once) {
        return 0;
      }
      Thread.sleep(period.toMillis());
    }
  }

  String render(JsonObject m) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "meseta top — %s — up %.0f s%n%n", master,
        m.getDouble("master/uptime_secs", 0.0)));
    s.append(String.format(Locale.ROOT, "%-6s %12s %12s %7s%n", "", "used", "total", "util"));
    for (String r : RESOURCES) {
      s.append(String.format(Locale.ROOT, "%-6s %12.1f %12.1f %6.1f%%%n", r,
          m.getDouble("master/" + r + "_used", 0.0), m.getDouble("master/" + r + "_total", 0.0),
          100 * m.getDouble("master/" + r + "_percent", 0.0)));
    }
    s.append(String.format(Locale.ROOT, "%nagents      active %.0f  inactive %.0f  unreachable %.0f%n",
        m.getDouble("master/slaves_active", 0.0), m.getDouble("master/slaves_inactive", 0.0),
        m.getDouble("master/slaves_unreachable", 0.0)));
    s.append(String.format(Locale.ROOT, "frameworks  active %.0f  inactive %.0f  offers out %.0f%n",
        m.getDouble("master/frameworks_active", 0.0),
        m.getDouble("master/frameworks_inactive", 0.0),
        m.getDouble("master/outstanding_offers", 0.0)));
    s.append("tasks      ");
    for (String state : TASK_STATES) {
      s.append(String.format(Locale.ROOT, " %s %.0f", state,
          m.getDouble("master/tasks_" + state, 0.0)));
    }
    s.append(String.format(Locale.ROOT, "%nsharing     pending %.0f  stranded cpus %.0f%%"
            + "  preempted %.0f  task time %.0f s  allocation runs %.0f%n",
        m.getDouble("master/pending_tasks", 0.0),
        100 * m.getDouble("master/fragmented_share/cpus", 0.0),
        m.getDouble("master/preempted_tasks", 0.0), m.getDouble("master/task_time_secs", 0.0),
        m.getDouble("allocator/mesos/allocation_runs", 0.0)));
    return s.toString();
  }
}
