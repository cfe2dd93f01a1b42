package io.meseta.gateway.security;

import com.google.protobuf.Message;
import io.meseta.protocol.json.MesosJson;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The input limits of scheduler calls, on both transports: JSON depth before decoding, then ids
 * (Mesos' rule and length) and how many offers and tasks one call may carry. A call that breaks
 * one changes nothing and is rejected with a message naming the field and the limit.
 */
public final class SchedulerCallLimits {
  private final InputLimits limits;

  public SchedulerCallLimits(InputLimits limits) {
    this.limits = limits;
  }

  /**
   * Decodes JSON text after checking its depth.
   *
   * @throws IllegalArgumentException saying what is wrong with the text (answer 400)
   */
  public <T extends Message> T parseJson(String json, T prototype) {
    Optional<String> tooDeep = JsonDepth.problem(json, limits.maxJsonDepth());
    if (tooDeep.isPresent()) {
      throw new IllegalArgumentException(tooDeep.get());
    }
    return MesosJson.parse(json, prototype);
  }

  /** The first limit the decoded call breaks, or empty. */
  public Optional<String> problem(Call call) {
    Ids ids = new Ids();
    if (call.hasFrameworkId()) {
      ids.check("framework_id", call.getFrameworkId().getValue());
    }
    switch (call.getType()) {
      case SUBSCRIBE -> {
        if (call.getSubscribe().getFrameworkInfo().hasId()) {
          ids.check("subscribe.framework_info.id",
              call.getSubscribe().getFrameworkInfo().getId().getValue());
        }
      }
      case ACCEPT -> {
        if (call.getAccept().getOfferIdsCount() > limits.maxOffersPerAccept()) {
          return tooManyOffers("ACCEPT", call.getAccept().getOfferIdsCount());
        }
        int tasks = 0;
        for (int i = 0; i < call.getAccept().getOperationsCount(); i++) {
          tasks += launches(call.getAccept().getOperations(i), "accept.operations[" + i + "]", ids);
        }
        if (tasks > limits.maxTasksPerAccept()) {
          return Optional.of("ACCEPT launches " + tasks + " tasks; at most "
              + limits.maxTasksPerAccept() + " per call (limits.max_tasks_per_accept)");
        }
      }
      case DECLINE -> {
        if (call.getDecline().getOfferIdsCount() > limits.maxOffersPerAccept()) {
          return tooManyOffers("DECLINE", call.getDecline().getOfferIdsCount());
        }
      }
      case KILL -> {
        ids.check("kill.task_id", call.getKill().getTaskId().getValue());
        ids.checkIfSet("kill.agent_id", call.getKill().getAgentId().getValue());
      }
      case ACKNOWLEDGE -> {
        ids.check("acknowledge.task_id", call.getAcknowledge().getTaskId().getValue());
        ids.checkIfSet("acknowledge.agent_id", call.getAcknowledge().getAgentId().getValue());
      }
      case RECONCILE -> {
        for (int i = 0; i < call.getReconcile().getTasksCount(); i++) {
          Call.Reconcile.Task task = call.getReconcile().getTasks(i);
          ids.check("reconcile.tasks[" + i + "].task_id", task.getTaskId().getValue());
          ids.checkIfSet("reconcile.tasks[" + i + "].agent_id", task.getAgentId().getValue());
        }
      }
      case MESSAGE -> {
        ids.check("message.executor_id", call.getMessage().getExecutorId().getValue());
        ids.checkIfSet("message.agent_id", call.getMessage().getAgentId().getValue());
      }
      case SHUTDOWN -> {
        ids.check("shutdown.executor_id", call.getShutdown().getExecutorId().getValue());
        ids.checkIfSet("shutdown.agent_id", call.getShutdown().getAgentId().getValue());
      }
      default -> { }
    }
    return ids.problem;
  }

  private Optional<String> tooManyOffers(String type, int offers) {
    return Optional.of(type + " names " + offers + " offers; at most "
        + limits.maxOffersPerAccept() + " per call (limits.max_offers_per_accept)");
  }

  /** Checks the ids of a LAUNCH or LAUNCH_GROUP; the number of tasks it launches. */
  private static int launches(Operation operation, String field, Ids ids) {
    if (operation.hasLaunch()) {
      for (int i = 0; i < operation.getLaunch().getTaskInfosCount(); i++) {
        task(operation.getLaunch().getTaskInfos(i), field + ".launch.task_infos[" + i + "]", ids);
      }
      return operation.getLaunch().getTaskInfosCount();
    }
    if (operation.hasLaunchGroup()) {
      executor(operation.getLaunchGroup().getExecutor(), field + ".launch_group.executor", ids);
      var tasks = operation.getLaunchGroup().getTaskGroup().getTasksList();
      for (int i = 0; i < tasks.size(); i++) {
        task(tasks.get(i), field + ".launch_group.task_group.tasks[" + i + "]", ids);
      }
      return tasks.size();
    }
    return 0;
  }

  private static void task(TaskInfo task, String field, Ids ids) {
    // An empty task id is the task tracker's to report (TASK_ERROR, as in Mesos).
    ids.checkIfSet(field + ".task_id", task.getTaskId().getValue());
    ids.checkIfSet(field + ".agent_id", task.getAgentId().getValue());
    if (task.hasExecutor()) {
      executor(task.getExecutor(), field + ".executor", ids);
    }
  }

  private static void executor(ExecutorInfo executor, String field, Ids ids) {
    if (executor.hasExecutorId()) {
      ids.check(field + ".executor_id", executor.getExecutorId().getValue());
    }
  }

  /** Collects the first id problem of a call. */
  private final class Ids {
    private Optional<String> problem = Optional.empty();

    void check(String field, String id) {
      if (problem.isEmpty()) {
        problem = MesosIds.problem(field, id, limits.maxIdLength());
      }
    }

    void checkIfSet(String field, String id) {
      if (!id.isEmpty()) {
        check(field, id);
      }
    }
  }
}
