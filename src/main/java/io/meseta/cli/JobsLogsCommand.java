package io.meseta.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meseta jobs logs JOB_ID}: prints a task's stdout (or stderr) from the sandbox on the
 * agent that ran it, read page by page from the agent's {@code /files/read}.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print the stdout (or --stderr) of a job's task.")
final class JobsLogsCommand extends JobsCommand.JobsAction {
  private static final int PAGE_BYTES = 256 * 1024;

  @Parameters(paramLabel = "JOB_ID")
  String id;

  @Option(names = "--task", defaultValue = "0", description = "task index within the gang"
      + " (default 0)")
  int task;

  @Option(names = "--stderr", description = "print stderr instead of stdout")
  boolean stderr;

  @Override
  void run(JobsClient client) throws Exception {
    JsonObject job = client.get(id);
    JsonArray tasks = job.getJsonArray("tasks");
    if (tasks.isEmpty()) {
      throw new MasterHttp.Refused("job " + id + " has not started yet (" + job.getString("state")
          + "); see `meseta jobs why " + id + "`");
    }
    if (task < 0 || task >= tasks.size()) {
      throw new IllegalArgumentException("--task must be 0.." + (tasks.size() - 1) + ", got "
          + task);
    }
    JsonObject run = tasks.getJsonObject(task);
    String agent = run.getString("agent_host") + ":" + run.getInteger("agent_port");
    String path = "sandboxes/" + job.getString("framework_id") + "/" + run.getString("task_id")
        + "/" + (stderr ? "stderr" : "stdout");
    long offset = 0;
    while (true) {
      String data = client.readFile(agent, path, offset, PAGE_BYTES).getString("data", "");
      out().print(data);
      int bytes = data.getBytes(StandardCharsets.UTF_8).length;
      if (bytes < PAGE_BYTES || bytes == 0) {
        break;
      }
      offset += bytes;
    }
    out().flush();
  }
}
