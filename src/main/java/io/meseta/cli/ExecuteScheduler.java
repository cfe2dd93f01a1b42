package io.meseta.cli;

import io.meseta.client.Scheduler;
import io.meseta.client.SchedulerDriver;
import io.vertx.core.Promise;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

/** The scheduler behind {@code meseta execute}: packs tasks into offers, waits for them all. */
final class ExecuteScheduler implements Scheduler {
  private final String name;
  private final String command;
  private final double cpus;
  private final double mem;
  private final int instances;
  private final PrintStream out;
  private final Promise<Integer> outcome;
  private final Map<String, TaskState> finalStates = new HashMap<>();
  private int launched;

  /** Null unless a progress bar replaces the per-update lines. */
  private final ExecuteProgress progress;

  ExecuteScheduler(String name, String command, double cpus, double mem, int instances,
      PrintStream out, Promise<Integer> outcome) {
    this(name, command, cpus, mem, instances, out, outcome, false);
  }

  ExecuteScheduler(String name, String command, double cpus, double mem, int instances,
      PrintStream out, Promise<Integer> outcome, boolean showProgress) {
    this.progress = showProgress ? new ExecuteProgress(instances) : null;
    this.name = name;
    this.command = command;
    this.cpus = cpus;
    this.mem = mem;
    this.instances = instances;
    this.out = out;
    this.outcome = outcome;
  }

  @Override
  public void subscribed(SchedulerDriver driver, FrameworkID frameworkId, MasterInfo masterInfo) {
    out.println("Subscribed with framework id " + frameworkId.getValue());
  }

  @Override
  public void offers(SchedulerDriver driver, List<Offer> offers) {
    for (Offer offer : offers) {
      double freeCpus = scalar(offer, "cpus");
      double freeMem = scalar(offer, "mem");
      List<TaskInfo> tasks = new ArrayList<>();
      while (launched < instances && freeCpus >= cpus && freeMem >= mem) {
        tasks.add(task(offer.getAgentId(), launched++));
        freeCpus -= cpus;
        freeMem -= mem;
      }
      if (tasks.isEmpty()) {
        // Nothing left to launch, or too small: don't see this agent again for a while.
        driver.decline(offer.getId(), Filters.newBuilder().setRefuseSeconds(
            launched < instances ? 1 : 3600).build());
      } else {
        driver.launch(offer.getId(), tasks);
      }
    }
    if (launched >= instances) {
      driver.suppress();
    }
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    String id = status.getTaskId().getValue();
    if (progress != null) {
      out.print(progress.update(id, status.getState()));
      out.flush();
    } else {
      out.println("Received status update " + status.getState() + " for task '" + id + "'"
          + (status.hasMessage() && !status.getMessage().isEmpty()
              ? ": " + status.getMessage() : "")
          + (status.hasReason() ? " (" + status.getReason() + ")" : ""));
    }
    if (terminal(status.getState())) {
      finalStates.putIfAbsent(id, status.getState());
      if (finalStates.size() == instances) {
        boolean allFinished =
            finalStates.values().stream().allMatch(s -> s == TaskState.TASK_FINISHED);
        if (progress != null) {
          out.println();
        }
        if (!allFinished) {
          out.println("Not every task finished: " + finalStates);
        }
        outcome.tryComplete(allFinished
            ? ExecuteCommand.EXIT_OK : ExecuteCommand.EXIT_TASK_FAILED);
      }
    }
  }

  @Override
  public void error(SchedulerDriver driver, String message) {
    out.println("Error from the master: " + message);
  }

  private TaskInfo task(AgentID agent, int index) {
    String id = instances == 1 ? name : name + "-" + index;
    return TaskInfo.newBuilder()
        .setName(id)
        .setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(agent)
        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command))
        .addResources(scalarResource("cpus", cpus))
        .addResources(scalarResource("mem", mem))
        .build();
  }

  private static Resource scalarResource(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  private static double scalar(Offer offer, String name) {
    return offer.getResourcesList().stream()
        .filter(r -> r.getName().equals(name) && r.hasScalar())
        .mapToDouble(r -> r.getScalar().getValue())
        .sum();
  }

  private static boolean terminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED,
          TASK_GONE, TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }
}
