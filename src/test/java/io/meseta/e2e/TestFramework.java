package io.meseta.e2e;

import io.meseta.client.DriverOptions;
import io.meseta.client.Scheduler;
import io.meseta.client.SchedulerDriver;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
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
 * A framework written with the SDK, as a user would: it queues commands, launches them on the
 * offers it gets (0.1 cpus, 32 MB each), and records every status update.
 */
public final class TestFramework implements Scheduler, AutoCloseable {
  /** A command waiting for an offer. */
  record Pending(String taskId, String command) {}

  public final SchedulerDriver driver;
  final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  public final Map<String, List<TaskStatus>> updates = new ConcurrentHashMap<>();
  public final Map<String, AgentID> agentOf = new ConcurrentHashMap<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  volatile int disconnects;
  /** Sees every batch of offers before they are used (e.g. to time them). */
  public volatile Consumer<List<Offer>> offerWatch = offers -> { };

  TestFramework(Vertx vertx, String master, FrameworkInfo info) {
    this(vertx, master, info, DriverOptions.defaults());
  }

  /** With these options (the backoff is shortened for tests), e.g. a credential. */
  TestFramework(Vertx vertx, String master, FrameworkInfo info, DriverOptions options) {
    this(vertx, List.of(master), info, options);
  }

  /** Connects to the first of {@code masters} that answers, and fails over along the list. */
  public TestFramework(Vertx vertx, List<String> masters, FrameworkInfo info) {
    this(vertx, masters, info, DriverOptions.defaults());
  }

  private TestFramework(Vertx vertx, List<String> masters, FrameworkInfo info,
      DriverOptions options) {
    driver = new SchedulerDriver(vertx, this, info, masters,
        options.withMaxBackoff(Duration.ofMillis(500)));
  }

  public static FrameworkInfo info(String name, double failoverSeconds, boolean partitionAware) {
    FrameworkInfo.Builder b = FrameworkInfo.newBuilder()
        .setUser("test").setName(name).setFailoverTimeout(failoverSeconds);
    if (partitionAware) {
      b.addCapabilities(FrameworkInfo.Capability.newBuilder()
          .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE));
    }
    return b.build();
  }

  public FrameworkID start() throws Exception {
    return TestCluster.await(driver.start());
  }

  public void submit(String taskId, String command) {
    pending.add(new Pending(taskId, command));
    driver.revive();
  }

  volatile int subscriptions;

  /** After a re-subscription (a new leader, another node), it asks about its unfinished tasks. */
  @Override
  public void subscribed(SchedulerDriver d, FrameworkID id, MasterInfo master) {
    if (++subscriptions > 1) {
      reconcileUnfinished();
    }
  }

  /** Explicit reconciliation of every launched task without a terminal update yet. */
  public void reconcileUnfinished() {
    List<TaskStatus> unfinished = agentOf.entrySet().stream()
        .filter(e -> states(e.getKey()).stream().noneMatch(TestFramework::terminal))
        .map(e -> TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(e.getKey()))
            .setAgentId(e.getValue()).setState(TaskState.TASK_STAGING).build())
        .toList();
    if (!unfinished.isEmpty()) {
      driver.reconcile(unfinished);
    }
  }

  public static boolean terminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_ERROR, TASK_DROPPED,
          TASK_GONE, TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }

  @Override
  public void offers(SchedulerDriver d, List<Offer> offers) {
    offerWatch.accept(offers);
    for (Offer offer : offers) {
      double cpus = scalar(offer, "cpus");
      double mem = scalar(offer, "mem");
      List<TaskInfo> tasks = new java.util.ArrayList<>();
      while (cpus >= 0.1 - 1e-9 && mem >= 32 && !pending.isEmpty()) {
        Pending p = pending.poll();
        agentOf.put(p.taskId(), offer.getAgentId());
        tasks.add(TaskInfo.newBuilder()
            .setName(p.taskId())
            .setTaskId(TaskID.newBuilder().setValue(p.taskId()))
            .setAgentId(offer.getAgentId())
            .setCommand(CommandInfo.newBuilder().setValue(p.command()))
            .addResources(scalarResource("cpus", 0.1))
            .addResources(scalarResource("mem", 32))
            .build());
        cpus -= 0.1;
        mem -= 32;
      }
      if (tasks.isEmpty()) {
        d.decline(offer.getId(), Filters.newBuilder().setRefuseSeconds(0.2).build());
      } else {
        d.launch(offer.getId(), tasks);
      }
    }
  }

  @Override
  public void statusUpdate(SchedulerDriver d, TaskStatus status) {
    updates.computeIfAbsent(status.getTaskId().getValue(), k -> new CopyOnWriteArrayList<>())
        .add(status);
  }

  @Override
  public void error(SchedulerDriver d, String message) {
    errors.add(message);
  }

  @Override
  public void disconnected(SchedulerDriver d) {
    disconnects++;
  }

  public boolean saw(String taskId, TaskState state) {
    return updates.getOrDefault(taskId, List.of()).stream().anyMatch(s -> s.getState() == state);
  }

  TaskStatus last(String taskId, TaskState state) {
    return updates.getOrDefault(taskId, List.of()).stream()
        .filter(s -> s.getState() == state).reduce((a, b) -> b).orElseThrow();
  }

  void awaitState(String taskId, TaskState state, Duration limit) throws Exception {
    Awaits.until(() -> "task " + taskId + " to reach " + state + " (saw " + states(taskId) + ")",
        limit, () -> saw(taskId, state));
  }

  public List<TaskState> states(String taskId) {
    return updates.getOrDefault(taskId, List.of()).stream().map(TaskStatus::getState).toList();
  }

  private static Resource scalarResource(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  private static double scalar(Offer offer, String name) {
    return offer.getResourcesList().stream().filter(r -> r.getName().equals(name))
        .mapToDouble(r -> r.getScalar().getValue()).sum();
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
