package io.meseta.cli;

import io.meseta.client.DriverOptions;
import io.meseta.client.SchedulerDriver;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Like {@code mesos-execute}: subscribes, launches N copies of a command, prints every status
 * update, tears the framework down, and exits 0 only if every task finished.
 */
@Command(name = "execute", mixinStandardHelpOptions = true,
    description = "Run a command on the cluster and wait for it. Exit 0 if every task finished,"
        + " 1 if any failed, 3 if the cluster could not run it in time.")
final class ExecuteCommand implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_TASK_FAILED = 1;
  static final int EXIT_NOT_RUN = 3;

  @Option(names = "--master", required = true, split = ",",
      description = "master nodes, HOST:PORT[,HOST:PORT...]")
  List<String> masters;

  @Option(names = "--command", required = true, description = "shell command to run")
  String command;

  @Option(names = "--name", defaultValue = "meseta-execute", description = "task name prefix")
  String name;

  @Option(names = "--cpus", defaultValue = "0.1", description = "cpus per task (default 0.1)")
  double cpus;

  @Option(names = "--mem", defaultValue = "32", description = "memory per task in MB (default 32)")
  double mem;

  @Option(names = "--instances", defaultValue = "1", description = "how many copies to run")
  int instances;

  @Option(names = "--role", defaultValue = "*", description = "role to subscribe with")
  String role;

  @Option(names = "--progress", negatable = true,
      description = "a progress bar instead of one line per update (default: on a terminal,"
          + " for more than one instance)")
  Boolean progress;

  @Option(names = "--timeout", defaultValue = "10m",
      description = "give up (exit 3) if not all tasks ended by then, e.g. 30s, 10m")
  String timeout;

  @Override
  public Integer call() throws Exception {
    if (instances < 1) {
      throw new IllegalArgumentException("--instances must be at least 1, got " + instances);
    }
    if (!(cpus > 0) || !(mem > 0) || Double.isInfinite(cpus) || Double.isInfinite(mem)) {
      throw new IllegalArgumentException("--cpus and --mem must be positive numbers");
    }
    Duration limit = Settings.parseDuration("--timeout", timeout);
    java.util.Optional<io.meseta.client.Credential> credential = ClientAuth.credential();
    FrameworkInfo.Builder framework = FrameworkInfo.newBuilder()
        .setUser(System.getProperty("user.name", "nobody"))
        .setName(name)
        .setRole(role)
        .setFailoverTimeout(0);
    // An authenticating master accepts a framework only under the principal it authenticated.
    credential.ifPresent(c -> framework.setPrincipal(c.principal()));
    FrameworkInfo info = framework.build();
    Vertx vertx = Vertx.vertx();
    try {
      Promise<Integer> outcome = Promise.promise();
      ExecuteScheduler scheduler =
          new ExecuteScheduler(name, command, cpus, mem, instances, System.out, outcome,
              showProgress());
      SchedulerDriver driver =
          new SchedulerDriver(vertx, scheduler, info, masters, ClientTls.applyTo(credential
              .map(DriverOptions.defaults()::withCredential).orElse(DriverOptions.defaults())));
      driver.start().onFailure(e -> outcome.tryComplete(reportNotRun(e.getMessage())));
      int code;
      try {
        code = outcome.future().toCompletionStage().toCompletableFuture()
            .get(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        code = reportNotRun("not every task ended within " + timeout);
      }
      if (driver.frameworkId().isPresent()) {
        try {
          driver.teardown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          System.err.println("meseta execute: teardown did not complete: " + e.getMessage());
        }
      }
      return code;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private boolean showProgress() {
    return progress != null ? progress : instances > 1 && System.console() != null;
  }

  private static int reportNotRun(String why) {
    System.err.println("meseta execute: " + why);
    return EXIT_NOT_RUN;
  }
}
