package io.meseta.gateway.operator;

import io.meseta.acl.AclAction;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.master.Protos.Event;

/**
 * Which events of the operator stream one subscriber may see: framework events when it may view
 * the framework's user's frameworks, task events when it may also view their tasks, every other
 * event (agents, heartbeats). Learns each framework's user from the SUBSCRIBED state and from
 * FRAMEWORK_ADDED / FRAMEWORK_UPDATED, so task events of frameworks it cannot see stay hidden.
 * Used on the gateway verticle's context only.
 */
final class OperatorEventFilter {
  private final OperatorViewer viewer;
  private final Map<String, String> userOfFramework = new HashMap<>();

  OperatorEventFilter(OperatorViewer viewer, ClusterView unfiltered) {
    this.viewer = viewer;
    for (String group : new String[] {"frameworks", "completed_frameworks"}) {
      for (JsonObject f : ClusterView.objects(unfiltered.frameworks().getJsonArray(group))) {
        userOfFramework.put(f.getString("id"), f.getString("user"));
      }
    }
  }

  boolean shows(Event event) {
    if (!viewer.acls().configured()) {
      return true;
    }
    return switch (event.getType()) {
      case FRAMEWORK_ADDED -> showsFramework(event.getFrameworkAdded().getFramework()
          .getFrameworkInfo());
      case FRAMEWORK_UPDATED -> showsFramework(event.getFrameworkUpdated().getFramework()
          .getFrameworkInfo());
      case FRAMEWORK_REMOVED -> showsFramework(event.getFrameworkRemoved().getFrameworkInfo());
      case TASK_ADDED -> showsTasksOf(event.getTaskAdded().getTask().getFrameworkId().getValue());
      case TASK_UPDATED -> showsTasksOf(event.getTaskUpdated().getFrameworkId().getValue());
      default -> true;
    };
  }

  private boolean showsFramework(FrameworkInfo info) {
    String user = info.hasUser() ? info.getUser() : null;
    if (info.hasId()) {
      userOfFramework.put(info.getId().getValue(), user);
    }
    return viewer.acls().allows(AclAction.VIEW_FRAMEWORKS, viewer.principal(), user);
  }

  private boolean showsTasksOf(String frameworkId) {
    if (!userOfFramework.containsKey(frameworkId)) {
      return false; // a framework it has not been shown cannot have tasks it may see
    }
    String user = userOfFramework.get(frameworkId);
    return viewer.acls().allows(AclAction.VIEW_FRAMEWORKS, viewer.principal(), user)
        && viewer.acls().allows(AclAction.VIEW_TASKS, viewer.principal(), user);
  }
}
