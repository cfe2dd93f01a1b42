package io.meseta.gateway.operator;

import io.meseta.gateway.Version;
import io.meseta.master.MasterIdentity;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.apache.mesos.v1.Protos.Flag;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Metric;
import org.apache.mesos.v1.Protos.Role;
import org.apache.mesos.v1.Protos.VersionInfo;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * The synchronous answers of the v1 operator API as {@code mesos.v1.master.Response} messages:
 * type plus the one sub-message named after it.
 */
final class V1Responses {
  private V1Responses() {}

  static Response health() {
    return Response.newBuilder().setType(Response.Type.GET_HEALTH)
        .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)).build();
  }

  static Response version() {
    return Response.newBuilder().setType(Response.Type.GET_VERSION)
        .setGetVersion(Response.GetVersion.newBuilder().setVersionInfo(versionInfo())).build();
  }

  static VersionInfo versionInfo() {
    return VersionInfo.newBuilder()
        .setVersion(MasterIdentity.VERSION)
        .setBuildDate("")
        .setBuildTime(0)
        .setBuildUser("")
        .setGitTag("meseta-" + Version.current())
        .build();
  }

  static Response metrics(Map<String, Double> metrics) {
    Response.GetMetrics.Builder b = Response.GetMetrics.newBuilder();
    metrics.forEach((name, value) ->
        b.addMetrics(Metric.newBuilder().setName(name).setValue(value)));
    return Response.newBuilder().setType(Response.Type.GET_METRICS).setGetMetrics(b).build();
  }

  static Response flags(Map<String, String> flags) {
    Response.GetFlags.Builder b = Response.GetFlags.newBuilder();
    flags.forEach((name, value) -> b.addFlags(Flag.newBuilder().setName(name).setValue(value)));
    return Response.newBuilder().setType(Response.Type.GET_FLAGS).setGetFlags(b).build();
  }

  static Response master(MasterIdentity identity) {
    return Response.newBuilder().setType(Response.Type.GET_MASTER)
        .setGetMaster(Response.GetMaster.newBuilder()
            .setMasterInfo(identity.masterInfo())
            .setStartTime(identity.startMillis() / 1000.0)
            .setElectedTime(identity.startMillis() / 1000.0))
        .build();
  }

  static Response state(ClusterView view) {
    return Response.newBuilder().setType(Response.Type.GET_STATE)
        .setGetState(getState(view)).build();
  }

  static Response.GetState getState(ClusterView view) {
    return Response.GetState.newBuilder()
        .setGetTasks(getTasks(view))
        .setGetExecutors(Response.GetExecutors.getDefaultInstance())
        .setGetFrameworks(getFrameworks(view))
        .setGetAgents(getAgents(view))
        .build();
  }

  static Response agents(ClusterView view) {
    return Response.newBuilder().setType(Response.Type.GET_AGENTS)
        .setGetAgents(getAgents(view)).build();
  }

  static Response frameworks(ClusterView view) {
    return Response.newBuilder().setType(Response.Type.GET_FRAMEWORKS)
        .setGetFrameworks(getFrameworks(view)).build();
  }

  /** Command tasks run without an executor of their own, so there is none to list yet. */
  static Response executors() {
    return Response.newBuilder().setType(Response.Type.GET_EXECUTORS)
        .setGetExecutors(Response.GetExecutors.getDefaultInstance()).build();
  }

  static Response tasks(ClusterView view) {
    return Response.newBuilder().setType(Response.Type.GET_TASKS)
        .setGetTasks(getTasks(view)).build();
  }

  static Response roles(ClusterView view) {
    Response.GetRoles.Builder b = Response.GetRoles.newBuilder();
    for (RolesJson.Role role : RolesJson.roles(view)) {
      Role.Builder r = Role.newBuilder().setName(role.name())
          .setWeight(RolesJson.weight(view, role.name()))
          .addAllResources(FlatResources.toProto(role.allocated()));
      role.frameworks().forEach(id -> r.addFrameworks(FrameworkID.newBuilder().setValue(id)));
      b.addRoles(r);
    }
    return Response.newBuilder().setType(Response.Type.GET_ROLES).setGetRoles(b).build();
  }

  private static Response.GetAgents getAgents(ClusterView view) {
    Response.GetAgents.Builder b = Response.GetAgents.newBuilder();
    // As in Mesos, an unreachable agent is not a registered one (AGENT_REMOVED announced it).
    for (JsonObject agent : view.agentList()) {
      if (agent.getBoolean("active", true)) {
        b.addAgents(V1Protos.agent(agent, view.allocationOf(agent.getString("id"))));
      }
    }
    return b.build();
  }

  private static Response.GetFrameworks getFrameworks(ClusterView view) {
    Response.GetFrameworks.Builder b = Response.GetFrameworks.newBuilder();
    for (JsonObject framework : view.registeredFrameworks()) {
      b.addFrameworks(V1Protos.framework(framework,
          view.allocationOfFramework(framework.getString("id"))));
    }
    view.completedFrameworks().forEach(f -> b.addCompletedFrameworks(V1Protos.framework(f, null)));
    return b.build();
  }

  private static Response.GetTasks getTasks(ClusterView view) {
    Response.GetTasks.Builder b = Response.GetTasks.newBuilder();
    JsonObject byFramework = view.tasks().getJsonObject("tasks_by_framework", new JsonObject());
    for (String framework : byFramework.fieldNames()) {
      for (JsonObject task : view.tasksOf(framework, "tasks")) {
        if (task.getString("state").equals("TASK_UNREACHABLE")) {
          b.addUnreachableTasks(V1Protos.task(task));
        } else {
          b.addTasks(V1Protos.task(task));
        }
      }
      view.tasksOf(framework, "completed_tasks")
          .forEach(task -> b.addCompletedTasks(V1Protos.task(task)));
    }
    return b.build();
  }
}
