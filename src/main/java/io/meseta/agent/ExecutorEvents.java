package io.meseta.agent;

import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.executor.Protos.Event;

/** Builders for the Mesos v1 executor events the agent sends. */
final class ExecutorEvents {
  private ExecutorEvents() {}

  static Event subscribed(ExecutorInfo executor, FrameworkInfo framework, AgentInfo agent,
      ContainerID container) {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder().setExecutorInfo(executor)
            .setFrameworkInfo(framework).setAgentInfo(agent).setContainerId(container))
        .build();
  }

  static Event launch(TaskInfo task) {
    return Event.newBuilder().setType(Event.Type.LAUNCH)
        .setLaunch(Event.Launch.newBuilder().setTask(task)).build();
  }

  static Event launchGroup(TaskGroupInfo group) {
    return Event.newBuilder().setType(Event.Type.LAUNCH_GROUP)
        .setLaunchGroup(Event.LaunchGroup.newBuilder().setTaskGroup(group)).build();
  }

  /** @param graceMillis 0 = none given: the executor applies its own */
  static Event kill(String taskId, long graceMillis) {
    Event.Kill.Builder kill = Event.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId));
    if (graceMillis > 0) {
      kill.setKillPolicy(KillPolicy.newBuilder()
          .setGracePeriod(DurationInfo.newBuilder().setNanoseconds(graceMillis * 1_000_000)));
    }
    return Event.newBuilder().setType(Event.Type.KILL).setKill(kill).build();
  }

  static Event acknowledged(String taskId, byte[] uuid) {
    return Event.newBuilder().setType(Event.Type.ACKNOWLEDGED)
        .setAcknowledged(Event.Acknowledged.newBuilder()
            .setTaskId(TaskID.newBuilder().setValue(taskId)).setUuid(ByteString.copyFrom(uuid)))
        .build();
  }

  static Event message(byte[] data) {
    return Event.newBuilder().setType(Event.Type.MESSAGE)
        .setMessage(Event.Message.newBuilder().setData(ByteString.copyFrom(data))).build();
  }

  static Event error(String message) {
    return Event.newBuilder().setType(Event.Type.ERROR)
        .setError(Event.Error.newBuilder().setMessage(message)).build();
  }

  static Event shutdown() {
    return Event.newBuilder().setType(Event.Type.SHUTDOWN).build();
  }

  static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }
}
