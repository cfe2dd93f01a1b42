package io.meseta.examples;

import com.google.protobuf.ByteString;
import io.meseta.client.DriverOptions;
import io.meseta.client.Scheduler;
import io.meseta.client.SchedulerDriver;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

/**
 * A framework that launches N short tasks into one {@link EchoExecutor} on the first agent that
 * has room, sends the executor a message whenever one of them runs, prints the echoes, and exits
 * 0 once every task finished and every message came back (1 if a task failed, 3 after 60 s).
 *
 * <pre>
 * java -cp target/meseta.jar io.meseta.examples.EchoScheduler [master host:port] [tasks]
 * </pre>
 */
public final class EchoScheduler implements Scheduler {
  private static final String EXECUTOR_ID = "echo-executor";

  private final int tasks;
  private final String executorCommand;
  private final Promise<Integer> outcome = Promise.promise();
  private final Set<String> finished = new HashSet<>();
  private int echoes;
  private boolean launched;

  public EchoScheduler(int tasks, String executorCommand) {
    this.tasks = tasks;
    this.executorCommand = executorCommand;
  }

  public static void main(String[] args) throws Exception {
    String master = args.length > 0 ? args[0] : "127.0.0.1:5050";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    System.exit(run(master, tasks, defaultExecutorCommand()));
  }

  /** This JVM's java and class path: where the scheduler runs, the executor can run too. */
  public static String defaultExecutorCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Absolute: the executor starts in its sandbox, where a relative class path means nothing.
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
    return "'" + java + "' -cp '" + classPath + "' " + EchoExecutor.class.getName();
  }

  /** @return 0 when every task finished and echoed, 1 when one failed, 3 on timeout */
  public static int run(String master, int tasks, String executorCommand) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EchoScheduler scheduler = new EchoScheduler(tasks, executorCommand);
      FrameworkInfo info = FrameworkInfo.newBuilder().setUser("meseta").setName("echo").build();
      SchedulerDriver driver = new SchedulerDriver(vertx, scheduler, info, List.of(master),
          DriverOptions.defaults());
      driver.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      int status = scheduler.outcome.future().timeout(60, TimeUnit.SECONDS).otherwise(3)
          .toCompletionStage().toCompletableFuture().get();
      driver.teardown().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return status;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void subscribed(SchedulerDriver driver, FrameworkID frameworkId, MasterInfo masterInfo) {
    System.out.println("subscribed as " + frameworkId.getValue());
  }

  @Override
  public void offers(SchedulerDriver driver, List<Offer> offers) {
    for (Offer offer : offers) {
      // The executor's 0.1 cpus and 128 MB plus 0.01 cpus and 8 MB per task.
      if (launched || scalar(offer, "cpus") < 0.1 + tasks * 0.01 || scalar(offer, "mem") < 128 + tasks * 8) {
        driver.decline(offer.getId(), Filters.newBuilder().setRefuseSeconds(30).build());
        continue;
      }
      launched = true;
      ExecutorInfo executor = ExecutorInfo.newBuilder()
          .setExecutorId(ExecutorID.newBuilder().setValue(EXECUTOR_ID))
          .setType(ExecutorInfo.Type.CUSTOM)
          .setCommand(CommandInfo.newBuilder().setValue(executorCommand))
          .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 128))
          .build();
      List<TaskInfo> infos = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        infos.add(TaskInfo.newBuilder().setName("echo-" + i)
            .setTaskId(TaskID.newBuilder().setValue("echo-" + i))
            .setAgentId(offer.getAgentId()).setExecutor(executor)
            .addResources(scalar("cpus", 0.01)).addResources(scalar("mem", 8))
            .setData(ByteString.copyFromUtf8("sleep:" + (200 + 50 * i)))
            .build());
      }
      driver.launch(offer.getId(), infos);
      System.out.println("launched " + tasks + " tasks into " + EXECUTOR_ID + " on "
          + offer.getHostname());
    }
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    String id = status.getTaskId().getValue();
    System.out.println(id + " " + status.getState()
        + (status.hasMessage() ? " (" + status.getMessage() + ")" : ""));
    if (status.getState() == TaskState.TASK_RUNNING) {
      driver.message(status.getAgentId(), ExecutorID.newBuilder().setValue(EXECUTOR_ID).build(),
          ("hello from " + id).getBytes(StandardCharsets.UTF_8));
    } else if (status.getState() == TaskState.TASK_FINISHED) {
      finished.add(id);
      maybeDone();
    } else if (isTerminal(status.getState())) {
      outcome.tryComplete(1);
    }
  }

  @Override
  public void frameworkMessage(SchedulerDriver driver, AgentID agentId, ExecutorID executorId,
      byte[] data) {
    echoes++;
    System.out.println(executorId.getValue() + " says: " + new String(data, StandardCharsets.UTF_8));
    maybeDone();
  }

  @Override
  public void error(SchedulerDriver driver, String message) {
    System.err.println("error: " + message);
  }

  private void maybeDone() {
    if (finished.size() == tasks && echoes >= tasks) {
      outcome.tryComplete(0);
    }
  }

  private static boolean isTerminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_ERROR, TASK_DROPPED,
          TASK_GONE, TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }

  private static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  private static double scalar(Offer offer, String name) {
    return offer.getResourcesList().stream().filter(r -> r.getName().equals(name))
        .mapToDouble(r -> r.getScalar().getValue()).sum();
  }
}
