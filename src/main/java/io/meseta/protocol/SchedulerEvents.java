package io.meseta.protocol;

import com.google.protobuf.ByteString;
import io.meseta.core.model.FrameworkId;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Builders for the scheduler events the master sends (Mesos v1 shapes). */
public final class SchedulerEvents {
  private SchedulerEvents() {}

  public static Event subscribed(FrameworkId id, Duration heartbeat, MasterInfo masterInfo) {
    return Event.newBuilder()
        .setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(id.value()))
            .setHeartbeatIntervalSeconds(heartbeat.toMillis() / 1000.0)
            .setMasterInfo(masterInfo))
        .build();
  }

  public static Event error(String message) {
    return Event.newBuilder()
        .setType(Event.Type.ERROR)
        .setError(Event.Error.newBuilder().setMessage(message))
        .build();
  }

  public static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }

  /** All of one framework's offers from one allocation run travel in one event. */
  public static Event offers(List<Offer> offers) {
    return Event.newBuilder()
        .setType(Event.Type.OFFERS)
        .setOffers(Event.Offers.newBuilder().addAllOffers(offers))
        .build();
  }

  public static Event rescind(String offerId) {
    return Event.newBuilder()
        .setType(Event.Type.RESCIND)
        .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(offerId)))
        .build();
  }

  public static Event update(TaskStatus status) {
    return Event.newBuilder()
        .setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(status))
        .build();
  }

  /** A framework message from one of the framework's executors. */
  public static Event message(String agentId, String executorId, byte[] data) {
    return Event.newBuilder()
        .setType(Event.Type.MESSAGE)
        .setMessage(Event.Message.newBuilder()
            .setAgentId(AgentID.newBuilder().setValue(agentId))
            .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
            .setData(ByteString.copyFrom(data)))
        .build();
  }

  /** An executor ended (FAILURE with executor_id; {@code status} is its exit status). */
  public static Event executorFailure(String agentId, String executorId, int status) {
    return Event.newBuilder()
        .setType(Event.Type.FAILURE)
        .setFailure(Event.Failure.newBuilder()
            .setAgentId(AgentID.newBuilder().setValue(agentId))
            .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
            .setStatus(status))
        .build();
  }

  /** An agent was lost (FAILURE without executor_id). */
  public static Event agentFailure(String agentId) {
    return Event.newBuilder()
        .setType(Event.Type.FAILURE)
        .setFailure(Event.Failure.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId)))
        .build();
  }
}
