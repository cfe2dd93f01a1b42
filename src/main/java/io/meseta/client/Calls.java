package io.meseta.client;

import com.google.protobuf.ByteString;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** Builds the Mesos v1 calls the driver sends; pure functions, so their shape is easy to test. */
final class Calls {
  private Calls() {}

  /** A new framework has no id; a failing-over one sets it in both places, as Mesos requires. */
  static Call subscribe(FrameworkInfo info, FrameworkID id) {
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE);
    FrameworkInfo.Builder framework = info.toBuilder();
    if (id != null) {
      call.setFrameworkId(id);
      framework.setId(id);
    } else {
      framework.clearId();
    }
    return call.setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(framework)).build();
  }

  static Call.Builder teardown() {
    return Call.newBuilder().setType(Call.Type.TEARDOWN);
  }

  static Call.Builder accept(
      List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
    Call.Accept.Builder accept =
        Call.Accept.newBuilder().addAllOfferIds(offerIds).addAllOperations(operations);
    if (filters != null) {
      accept.setFilters(filters);
    }
    return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(accept);
  }

  static Call.Builder decline(List<OfferID> offerIds, Filters filters) {
    Call.Decline.Builder decline = Call.Decline.newBuilder().addAllOfferIds(offerIds);
    if (filters != null) {
      decline.setFilters(filters);
    }
    return Call.newBuilder().setType(Call.Type.DECLINE).setDecline(decline);
  }

  static Call.Builder kill(TaskID taskId, AgentID agentId) {
    Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(taskId);
    if (agentId != null) {
      kill.setAgentId(agentId);
    }
    return Call.newBuilder().setType(Call.Type.KILL).setKill(kill);
  }

  static Call.Builder acknowledge(TaskStatus status) {
    return Call.newBuilder()
        .setType(Call.Type.ACKNOWLEDGE)
        .setAcknowledge(Call.Acknowledge.newBuilder()
            .setAgentId(status.getAgentId())
            .setTaskId(status.getTaskId())
            .setUuid(status.getUuid()));
  }

  /** Explicit reconciliation for the given tasks; none means implicit (all tasks). */
  static Call.Builder reconcile(List<TaskStatus> statuses) {
    Call.Reconcile.Builder reconcile = Call.Reconcile.newBuilder();
    for (TaskStatus status : statuses) {
      Call.Reconcile.Task.Builder task =
          Call.Reconcile.Task.newBuilder().setTaskId(status.getTaskId());
      if (status.hasAgentId()) {
        task.setAgentId(status.getAgentId());
      }
      reconcile.addTasks(task);
    }
    return Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(reconcile);
  }

  static Call.Builder revive() {
    // An empty body means "all roles"; sent anyway because some masters want the union member set.
    return Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.getDefaultInstance());
  }

  static Call.Builder suppress() {
    return Call.newBuilder()
        .setType(Call.Type.SUPPRESS)
        .setSuppress(Call.Suppress.getDefaultInstance());
  }

  static Call.Builder message(AgentID agentId, ExecutorID executorId, byte[] data) {
    return Call.newBuilder()
        .setType(Call.Type.MESSAGE)
        .setMessage(Call.Message.newBuilder()
            .setAgentId(agentId)
            .setExecutorId(executorId)
            .setData(ByteString.copyFrom(data)));
  }

  static Call.Builder shutdown(AgentID agentId, ExecutorID executorId) {
    return Call.newBuilder()
        .setType(Call.Type.SHUTDOWN)
        .setShutdown(Call.Shutdown.newBuilder().setAgentId(agentId).setExecutorId(executorId));
  }
}
