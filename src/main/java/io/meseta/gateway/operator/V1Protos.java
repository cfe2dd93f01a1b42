package io.meseta.gateway.operator;

import io.meseta.core.resources.Resources;
import io.meseta.master.MasterIdentity;
import io.meseta.protocol.ResourcesProto;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.master.Protos.Response.GetAgents;
import org.apache.mesos.v1.master.Protos.Response.GetFrameworks;

/**
 * The v1 operator API's protobuf objects (agents, frameworks, tasks) from the services' state
 * answers, which are in Mesos' v0 JSON shape. v1 carries full {@code Resource} messages where v0
 * has flat maps; both come from the same {@link Resources}.
 */
final class V1Protos {
  private V1Protos() {}

  /** An agent from its registry entry and, when the allocator holds it, its allocation entry. */
  static GetAgents.Agent agent(JsonObject agent, JsonObject allocation) {
    Resources total = Resources.parse(agent.getString("total", ""));
    AgentInfo.Builder info = AgentInfo.newBuilder()
        .setId(AgentID.newBuilder().setValue(agent.getString("id")))
        .setHostname(agent.getString("hostname"))
        .setPort(agent.getInteger("port", 0))
        .addAllResources(ResourcesProto.toProto(total));
    JsonObject attributes = agent.getJsonObject("attributes", new JsonObject());
    for (String name : attributes.fieldNames()) {
      info.addAttributes(Attribute.newBuilder().setName(name).setType(Value.Type.TEXT)
          .setText(Value.Text.newBuilder().setValue(String.valueOf(attributes.getValue(name)))));
    }
    GetAgents.Agent.Builder b = GetAgents.Agent.newBuilder()
        .setAgentInfo(info)
        .setActive(agent.getBoolean("active", true))
        .setDeactivated(false)
        .setVersion(MasterIdentity.VERSION)
        .setPid(agent.getString("pid", ""))
        .setRegisteredTime(time(agent.getDouble("registered_time", 0.0)))
        .addAllTotalResources(ResourcesProto.toProto(total));
    double reregistered = agent.getDouble("reregistered_time", 0.0);
    if (reregistered > 0) {
      b.setReregisteredTime(time(reregistered));
    }
    for (String capability : MasterStateJson.AGENT_CAPABILITIES) {
      b.addCapabilities(AgentInfo.Capability.newBuilder()
          .setType(AgentInfo.Capability.Type.valueOf(capability)));
    }
    if (allocation != null) {
      b.addAllAllocatedResources(FlatResources.toProto(allocation.getJsonObject("used_resources")))
          .addAllOfferedResources(
              FlatResources.toProto(allocation.getJsonObject("offered_resources")));
    }
    return b.build();
  }

  /**
   * A framework from its entry in the frameworks service's answer; {@code allocation} (may be
   * null) adds its offers and resources.
   */
  static GetFrameworks.Framework framework(JsonObject framework, JsonObject allocation) {
    GetFrameworks.Framework.Builder b = GetFrameworks.Framework.newBuilder()
        .setFrameworkInfo(frameworkInfo(framework))
        .setActive(framework.getBoolean("active", false))
        .setConnected(framework.getBoolean("connected", false))
        .setRecovered(framework.getBoolean("recovered", false));
    double registered = framework.getDouble("registered_time", 0.0);
    if (registered > 0) {
      b.setRegisteredTime(time(registered));
    }
    double unregistered = framework.getDouble("unregistered_time", 0.0);
    if (unregistered > 0 && !b.getConnected()) {
      b.setUnregisteredTime(time(unregistered));
    }
    if (allocation != null) {
      for (JsonObject offer : ClusterView.objects(allocation.getJsonArray("offers"))) {
        b.addOffers(Offer.newBuilder()
            .setId(OfferID.newBuilder().setValue(offer.getString("id")))
            .setFrameworkId(FrameworkID.newBuilder().setValue(offer.getString("framework_id")))
            .setAgentId(AgentID.newBuilder().setValue(offer.getString("slave_id")))
            .setHostname(offer.getString("hostname", ""))
            .addAllResources(FlatResources.toProto(offer.getJsonObject("resources"))));
      }
      b.addAllAllocatedResources(FlatResources.toProto(allocation.getJsonObject("used_resources")))
          .addAllOfferedResources(
              FlatResources.toProto(allocation.getJsonObject("offered_resources")));
    }
    return b.build();
  }

  static FrameworkInfo frameworkInfo(JsonObject framework) {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
        .setId(FrameworkID.newBuilder().setValue(framework.getString("id")))
        .setName(framework.getString("name", ""))
        .setUser(framework.getString("user", ""))
        .setFailoverTimeout(framework.getDouble("failover_timeout", 0.0))
        .setCheckpoint(framework.getBoolean("checkpoint", false));
    boolean multiRole = false;
    for (Object capability : framework.getJsonArray("capabilities", new JsonArray())) {
      FrameworkInfo.Capability.Type type = enumOrNull(String.valueOf(capability));
      if (type != null) {
        info.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(type));
        multiRole |= type == FrameworkInfo.Capability.Type.MULTI_ROLE;
      }
    }
    if (multiRole) {
      framework.getJsonArray("roles", new JsonArray()).forEach(r -> info.addRoles((String) r));
    } else {
      info.setRole(framework.getString("role", "*"));
    }
    setIfPresent(framework, "hostname", info::setHostname);
    setIfPresent(framework, "principal", info::setPrincipal);
    setIfPresent(framework, "webui_url", info::setWebuiUrl);
    return info.build();
  }

  /** A task from its entry in the task tracker's answer. */
  static Task task(JsonObject task) {
    Task.Builder b = Task.newBuilder()
        .setName(task.getString("name", ""))
        .setTaskId(TaskID.newBuilder().setValue(task.getString("id")))
        .setFrameworkId(FrameworkID.newBuilder().setValue(task.getString("framework_id")))
        .setAgentId(AgentID.newBuilder().setValue(task.getString("slave_id")))
        .setState(TaskState.valueOf(task.getString("state")))
        .addAllResources(FlatResources.toProto(task.getJsonObject("resources")));
    String executor = task.getString("executor_id", "");
    if (!executor.isEmpty()) {
      b.setExecutorId(ExecutorID.newBuilder().setValue(executor));
    }
    for (JsonObject status : ClusterView.objects(task.getJsonArray("statuses"))) {
      b.addStatuses(TaskStatus.newBuilder()
          .setTaskId(b.getTaskId())
          .setAgentId(b.getAgentId())
          .setState(TaskState.valueOf(status.getString("state")))
          .setTimestamp(status.getDouble("timestamp", 0.0)));
    }
    return b.build();
  }

  static TimeInfo time(double seconds) {
    return TimeInfo.newBuilder().setNanoseconds(Math.round(seconds * 1e9)).build();
  }

  private static FrameworkInfo.Capability.Type enumOrNull(String name) {
    try {
      return FrameworkInfo.Capability.Type.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void setIfPresent(JsonObject json, String key,
      java.util.function.Consumer<String> setter) {
    String value = json.getString(key);
    if (value != null && !value.isEmpty()) {
      setter.accept(value);
    }
  }
}
