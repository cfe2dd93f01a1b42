package io.meseta.e2e;

import com.google.protobuf.ByteString;
import io.meseta.client.DriverOptions;
import io.meseta.client.Scheduler;
import io.meseta.client.SchedulerDriver;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

/**
 * A framework for custom executors: each queued launch (tasks, or one task group) goes out on the
 * next offer; it records updates, framework messages and errors.
 */
final class ExecutorFramework implements Scheduler, AutoCloseable {
  final SchedulerDriver driver;
  final Map<String, List<TaskStatus>> updates = new ConcurrentHashMap<>();
  final List<String> messages = new CopyOnWriteArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  volatile AgentID agent;
  private final ConcurrentLinkedQueue<Function<AgentID, org.apache.mesos.v1.Protos.Offer.Operation>>
      pending = new ConcurrentLinkedQueue<>();

  ExecutorFramework(Vertx vertx, String master, String name) throws Exception {
    this(vertx, master, FrameworkInfo.newBuilder().setUser("test").setName(name).build());
  }

  /** With this FrameworkInfo, e.g. one that checkpoints (its executors survive agent restarts). */
  ExecutorFramework(Vertx vertx, String master, FrameworkInfo info) throws Exception {
    this(vertx, master, info, DriverOptions.defaults());
  }

  /** With these driver options (the backoff is shortened for tests), e.g. a TLS trust. */
  ExecutorFramework(Vertx vertx, String master, FrameworkInfo info, DriverOptions options)
      throws Exception {
    driver = new SchedulerDriver(vertx, this, info, List.of(master),
        options.withMaxBackoff(Duration.ofMillis(500)));
    TestCluster.await(driver.start());
  }

  /** The command that runs {@code main} of this class in a JVM with the test class path. */
  static String javaCommand(Class<?> main) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '"
        + System.getProperty("java.class.path") + "' " + main.getName();
  }

  static ExecutorInfo executor(String id, String command, long shutdownGraceMillis) {
    ExecutorInfo.Builder b = ExecutorInfo.newBuilder()
        .setExecutorId(ExecutorID.newBuilder().setValue(id))
        .setType(ExecutorInfo.Type.CUSTOM)
        .setCommand(CommandInfo.newBuilder().setValue(command))
        .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 64));
    if (shutdownGraceMillis > 0) {
      b.setShutdownGracePeriod(DurationInfo.newBuilder().setNanoseconds(shutdownGraceMillis * 1_000_000));
    }
    return b.build();
  }

  static TaskInfo.Builder task(String id, String data) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
        .setData(ByteString.copyFromUtf8(data))
        .addResources(scalar("cpus", 0.05)).addResources(scalar("mem", 16));
  }

  void launch(ExecutorInfo executor, List<TaskInfo.Builder> tasks) {
    pending.add(agentId -> {
      var launch = org.apache.mesos.v1.Protos.Offer.Operation.Launch.newBuilder();
      tasks.forEach(t -> launch.addTaskInfos(t.clone().setAgentId(agentId).setExecutor(executor)));
      return org.apache.mesos.v1.Protos.Offer.Operation.newBuilder()
          .setType(org.apache.mesos.v1.Protos.Offer.Operation.Type.LAUNCH).setLaunch(launch).build();
    });
    driver.revive();
  }

  void launchGroup(ExecutorInfo executor, List<TaskInfo.Builder> tasks) {
    pending.add(agentId -> {
      TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
      tasks.forEach(t -> group.addTasks(t.clone().setAgentId(agentId)));
      return org.apache.mesos.v1.Protos.Offer.Operation.newBuilder()
          .setType(org.apache.mesos.v1.Protos.Offer.Operation.Type.LAUNCH_GROUP)
          .setLaunchGroup(org.apache.mesos.v1.Protos.Offer.Operation.LaunchGroup.newBuilder()
              .setExecutor(executor).setTaskGroup(group)).build();
    });
    driver.revive();
  }

  void message(String executorId, String text) {
    driver.message(agent, ExecutorID.newBuilder().setValue(executorId).build(),
        text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void subscribed(SchedulerDriver d, FrameworkID id, MasterInfo master) {}

  @Override
  public void offers(SchedulerDriver d, List<Offer> offers) {
    for (Offer offer : offers) {
      List<org.apache.mesos.v1.Protos.Offer.Operation> operations = new ArrayList<>();
      for (var next = pending.poll(); next != null; next = pending.poll()) {
        operations.add(next.apply(offer.getAgentId()));
      }
      if (operations.isEmpty()) {
        d.decline(offer.getId(), org.apache.mesos.v1.Protos.Filters.newBuilder().setRefuseSeconds(0.2).build());
      } else {
        agent = offer.getAgentId();
        d.accept(List.of(offer.getId()), operations, null);
      }
    }
  }

  @Override
  public void statusUpdate(SchedulerDriver d, TaskStatus status) {
    updates.computeIfAbsent(status.getTaskId().getValue(), k -> new CopyOnWriteArrayList<>()).add(status);
  }

  @Override
  public void frameworkMessage(SchedulerDriver d, AgentID agentId, ExecutorID executorId, byte[] data) {
    messages.add(executorId.getValue() + ": " + new String(data, StandardCharsets.UTF_8));
  }

  @Override
  public void error(SchedulerDriver d, String message) {
    errors.add(message);
  }

  List<TaskState> states(String taskId) {
    return updates.getOrDefault(taskId, List.of()).stream().map(TaskStatus::getState).toList();
  }

  TaskStatus last(String taskId) {
    List<TaskStatus> all = updates.getOrDefault(taskId, List.of());
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  void awaitState(String taskId, TaskState state) throws Exception {
    Awaits.until(() -> "task " + taskId + " to reach " + state + " (saw " + states(taskId) + ")",
        Duration.ofSeconds(30), () -> states(taskId).contains(state));
  }

  /** Terminal updates of the task, one per distinct update (a re-sent update is the same one). */
  long terminalUpdates(String taskId) {
    return updates.getOrDefault(taskId, List.of()).stream()
        .filter(s -> switch (s.getState()) {
          case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_ERROR, TASK_DROPPED,
              TASK_GONE -> true;
          default -> false;
        })
        .map(s -> s.hasUuid() ? s.getUuid() : ByteString.copyFromUtf8(s.getState().name()))
        .distinct().count();
  }

  static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  @Override
  public void close() throws Exception {
    try {
      TestCluster.await(driver.teardown());
    } catch (Exception e) {
      TestCluster.await(driver.stop());
    }
  }
}
