package io.meseta.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meseta jobs submit|list|status|kill|why|logs}: the job service from a terminal. Exit
 * codes: 0 done, 1 the master refused (its message is printed), 2 a bad flag, 3 no answer.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = "Submit and follow jobs of the master's built-in job service.",
    subcommands = {JobsCommand.Submit.class, JobsCommand.ListJobs.class, JobsCommand.Status.class,
        JobsCommand.Kill.class, JobsCommand.Why.class, JobsLogsCommand.class})
final class JobsCommand implements Runnable {
  static final int EXIT_REFUSED = 1;
  static final int EXIT_UNREACHABLE = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The {@code --master} flag every subcommand takes. */
  static final class MasterFlag {
    @Option(names = "--master", required = true, description = "the master, HOST:PORT")
    String master;
  }

  /** Runs one request; prints the master's refusal or unreachability and maps it to an exit. */
  abstract static class JobsAction implements Callable<Integer> {
    @Mixin
    MasterFlag masterFlag;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final PrintStream out() {
      return System.out;
    }

    abstract void run(JobsClient client) throws Exception;

    @Override
    public final Integer call() throws Exception {
      try {
        run(new JobsClient(masterFlag.master));
        return 0;
      } catch (MasterHttp.Refused e) {
        spec.commandLine().getErr().println("meseta jobs: " + e.getMessage());
        return EXIT_REFUSED;
      } catch (MasterHttp.Unreachable e) {
        spec.commandLine().getErr().println("meseta jobs: " + e.getMessage());
        return EXIT_UNREACHABLE;
      }
    }
  }

  @Command(name = "submit", mixinStandardHelpOptions = true,
      description = "Queue a job; prints its id.")
  static final class Submit extends JobsAction {
    @Option(names = "--command", required = true, description = "shell command each task runs")
    String command;

    @Option(names = "--name", defaultValue = "job", description = "job name (default job)")
    String name;

    @Option(names = "--resources", defaultValue = "cpus:0.1;mem:32",
        description = "per task, Mesos text form (default cpus:0.1;mem:32)")
    String resources;

    @Option(names = "--priority", defaultValue = "0", description = "higher runs first in"
        + " priority queues (default 0)")
    int priority;

    @Option(names = "--runtime", description = "estimated runtime for SJF queues, e.g. 90s, 10m")
    String runtime;

    @Option(names = "--constraint", description = "ATTRIBUTE OPERATOR [VALUE], e.g."
        + " 'rack EQUALS r1'; repeatable")
    List<String> constraints;

    @Option(names = "--max-retries", defaultValue = "0", description = "runs again on failure"
        + " up to this many times (default 0)")
    int maxRetries;

    @Option(names = "--backoff", defaultValue = "0s", description = "wait before each retry,"
        + " e.g. 10s (default 0s)")
    String backoff;

    @Option(names = "--gang", defaultValue = "1", description = "tasks that start together or"
        + " not at all (default 1)")
    int gang;

    @Option(names = "--queue", defaultValue = "default", description = "queue name")
    String queue;

    @Override
    void run(JobsClient client) throws Exception {
      JsonObject job = new JsonObject().put("name", name).put("command", command)
          .put("resources", resources).put("priority", priority)
          .put("restart", new JsonObject().put("max_retries", maxRetries).put("backoff", backoff))
          .put("gang_size", gang).put("queue", queue);
      if (runtime != null) {
        job.put("estimated_runtime", runtime);
      }
      if (constraints != null) {
        job.put("constraints", new JsonArray(List.copyOf(constraints)));
      }
      JsonObject submitted = client.submit(job);
      out().println("Submitted " + submitted.getString("id") + " (" + submitted.getString("name")
          + "): " + submitted.getString("state"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs.")
  static final class ListJobs extends JobsAction {
    @Option(names = "--state", description = "only jobs in this state, e.g. PENDING, RUNNING")
    String state;

    @Override
    void run(JobsClient client) throws Exception {
      JsonArray jobs = client.list(state).getJsonArray("jobs");
      String format = "%-12s %-9s %-20s %-10s %8s %7s%n";
      out().printf(format, "ID", "STATE", "NAME", "QUEUE", "PRIORITY", "ATTEMPT");
      for (Object item : jobs) {
        JsonObject j = (JsonObject) item;
        out().printf(format, j.getString("id"), j.getString("state"), j.getString("name"),
            j.getString("queue"), j.getInteger("priority"), j.getInteger("attempt"));
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show one job and its tasks.")
  static final class Status extends JobsAction {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = "--json", description = "print the job as JSON")
    boolean json;

    @Override
    void run(JobsClient client) throws Exception {
      JsonObject job = client.get(id);
      if (json) {
        out().println(job.encodePrettily());
        return;
      }
      out().println(job.getString("id") + " (" + job.getString("name") + "): "
          + job.getString("state") + " - " + job.getString("message"));
      out().println("  command:   " + job.getString("command"));
      out().println("  resources: " + job.getString("resources") + " x "
          + job.getInteger("gang_size") + " task(s), queue " + job.getString("queue")
          + ", priority " + job.getInteger("priority") + ", attempt " + job.getInteger("attempt"));
      for (Object item : job.getJsonArray("tasks")) {
        JsonObject t = (JsonObject) item;
        out().println("  task " + t.getString("task_id") + ": " + t.getString("state")
            + " on agent " + t.getString("agent_id") + " (" + t.getString("agent_host") + ":"
            + t.getInteger("agent_port") + ")");
      }
    }
  }

  @Command(name = "kill", mixinStandardHelpOptions = true,
      description = "Kill a job (its running tasks are killed).")
  static final class Kill extends JobsAction {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    void run(JobsClient client) throws Exception {
      JsonObject job = client.kill(id);
      out().println(job.getString("id") + ": " + job.getString("state"));
    }
  }

  @Command(name = "why", mixinStandardHelpOptions = true,
      description = "Say why a job is still pending.")
  static final class Why extends JobsAction {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    void run(JobsClient client) throws Exception {
      JsonObject why = client.why(id);
      out().println(why.getString("id") + " (" + why.getString("state") + "): "
          + why.getString("summary"));
      for (Object item : why.getJsonArray("reasons")) {
        JsonObject r = (JsonObject) item;
        out().println("  - " + r.getString("message") + " [" + r.getString("reason") + "]");
      }
    }
  }
}
