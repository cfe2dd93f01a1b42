package io.meseta.gateway.operator;

import io.meseta.master.bus.OperatorFacts;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.master.Protos.Event;

/** {@code mesos.v1.master.Event}s of the operator event stream, from the services' facts. */
final class V1Events {
  static final Event HEARTBEAT = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();

  private V1Events() {}

  static Event subscribed(ClusterView view, double heartbeatSeconds) {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setGetState(V1Responses.getState(view))
            .setHeartbeatIntervalSeconds(heartbeatSeconds))
        .build();
  }

  /** The event for a fact, or null for a body that is not an operator fact. */
  static Event of(Object fact) {
    if (fact instanceof OperatorFacts.TaskAdded added) {
      return Event.newBuilder().setType(Event.Type.TASK_ADDED)
          .setTaskAdded(Event.TaskAdded.newBuilder().setTask(V1Protos.task(added.task())))
          .build();
    } else if (fact instanceof OperatorFacts.TaskUpdated updated) {
      return Event.newBuilder().setType(Event.Type.TASK_UPDATED)
          .setTaskUpdated(Event.TaskUpdated.newBuilder()
              .setFrameworkId(FrameworkID.newBuilder().setValue(updated.frameworkId()))
              .setStatus(updated.status())
              .setState(updated.state()))
          .build();
    } else if (fact instanceof OperatorFacts.AgentAdded added) {
      return Event.newBuilder().setType(Event.Type.AGENT_ADDED)
          .setAgentAdded(Event.AgentAdded.newBuilder()
              .setAgent(V1Protos.agent(added.agent(), null)))
          .build();
    } else if (fact instanceof OperatorFacts.AgentRemoved removed) {
      return Event.newBuilder().setType(Event.Type.AGENT_REMOVED)
          .setAgentRemoved(Event.AgentRemoved.newBuilder()
              .setAgentId(AgentID.newBuilder().setValue(removed.agentId())))
          .build();
    } else if (fact instanceof OperatorFacts.FrameworkAdded added) {
      return Event.newBuilder().setType(Event.Type.FRAMEWORK_ADDED)
          .setFrameworkAdded(Event.FrameworkAdded.newBuilder()
              .setFramework(V1Protos.framework(added.framework(), null)))
          .build();
    } else if (fact instanceof OperatorFacts.FrameworkUpdated updated) {
      return Event.newBuilder().setType(Event.Type.FRAMEWORK_UPDATED)
          .setFrameworkUpdated(Event.FrameworkUpdated.newBuilder()
              .setFramework(V1Protos.framework(updated.framework(), null)))
          .build();
    } else if (fact instanceof OperatorFacts.FrameworkRemoved removed) {
      return Event.newBuilder().setType(Event.Type.FRAMEWORK_REMOVED)
          .setFrameworkRemoved(Event.FrameworkRemoved.newBuilder()
              .setFrameworkInfo(V1Protos.frameworkInfo(removed.framework())))
          .build();
    }
    return null;
  }
}
