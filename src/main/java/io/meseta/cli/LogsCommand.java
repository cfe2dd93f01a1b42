package io.meseta.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meseta logs TASK}: a task's sandbox output, read through the master (its
 * {@code /agent-files} proxy), so only the master needs to be reachable. With {@code --follow}
 * it keeps printing what the task writes until the task ends.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print a task's stdout (or stderr) through the master; --follow streams it.")
final class LogsCommand implements Callable<Integer> {
  private static final int PAGE = 64 * 1024;
  private static final Set<String> ENDED = Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED",
      "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR");

  @Option(names = "--master", required = true, description = "the master, HOST:PORT")
  String master;

  @Option(names = "--stderr", description = "print stderr instead of stdout")
  boolean stderr;

  @Option(names = "--follow", description = "keep printing until the task ends")
  boolean follow;

  @Parameters(paramLabel = "TASK", description = "the task id")
  String taskId;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    MasterHttp http = new MasterHttp(master);
    PrintWriter out = spec.commandLine().getOut();
    try {
      JsonObject task = task(http);
      String path = "sandboxes/" + task.getString("framework_id") + "/" + taskId
          + (stderr ? "/stderr" : "/stdout");
      String base = "/agent-files/" + encode(task.getString("slave_id")) + "/read?path="
          + encode(path);
      long offset = 0;
      // Without --follow, one pass; with it, until a pass after the task was seen ended, so
      // what it wrote just before ending is printed too.
      boolean lastPass = !follow;
      while (true) {
        String data;
        do {
          data = http.call("GET", base + "&offset=" + offset + "&length=" + PAGE, null)
              .getString("data", "");
          out.print(data);
          out.flush();
          offset += data.getBytes(StandardCharsets.UTF_8).length;
        } while (!data.isEmpty());
        if (lastPass) {
          return 0;
        }
        lastPass = ENDED.contains(task(http).getString("state"));
        if (!lastPass) {
          Thread.sleep(500);
        }
      }
    } catch (MasterHttp.Refused e) {
      spec.commandLine().getErr().println("meseta logs: " + e.getMessage());
      return ViewCommand.EXIT_REFUSED;
    } catch (MasterHttp.Unreachable e) {
      spec.commandLine().getErr().println("meseta logs: " + e.getMessage());
      return ViewCommand.EXIT_UNREACHABLE;
    }
  }

  private JsonObject task(MasterHttp http) throws MasterHttp.Refused, MasterHttp.Unreachable {
    JsonArray tasks = http.call("GET", "/master/tasks?task_id=" + encode(taskId), null)
        .getJsonArray("tasks", new JsonArray());
    if (tasks.isEmpty()) {
      throw new MasterHttp.Refused("no task '" + taskId + "' is known to the master;"
          + " `meseta tasks` lists them");
    }
    return tasks.getJsonObject(0);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
