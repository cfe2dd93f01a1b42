package io.meseta.master.allocation;

import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.TaskStatuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Mesos' check that a launch uses resources of the offer's role: a resource may leave {@code
 * allocation_info} out (the master fills in the offer's role) but must not name another role.
 * Tasks that do get TASK_ERROR; the others launch.
 */
final class LaunchRoles {
  private LaunchRoles() {}

  /** What is wrong with the resources' allocation role, or empty. */
  static Optional<String> problem(List<Protos.Resource> resources, String offerRole) {
    for (Protos.Resource r : resources) {
      if (r.hasAllocationInfo() && r.getAllocationInfo().hasRole()
          && !r.getAllocationInfo().getRole().equals(offerRole)) {
        return Optional.of("Resource '" + r.getName() + "' is allocated to role '"
            + r.getAllocationInfo().getRole() + "', but the offer was made for role '"
            + offerRole + "'; launch with resources of the offer's role (or leave"
            + " 'allocation_info' out)");
      }
    }
    return Optional.empty();
  }

  /** The tasks whose resources are of the offer's role; each other one is reported TASK_ERROR. */
  static List<TaskInfo> keepValid(List<TaskInfo> tasks, String offerRole, Consumer<Event> report) {
    List<TaskInfo> valid = new ArrayList<>(tasks.size());
    for (TaskInfo task : tasks) {
      List<Protos.Resource> all = new ArrayList<>(task.getResourcesList());
      all.addAll(task.getExecutor().getResourcesList());
      Optional<String> wrong = problem(all, offerRole);
      if (wrong.isEmpty()) {
        valid.add(task);
      } else {
        report.accept(error(task, Reason.REASON_TASK_INVALID, wrong.get()));
      }
    }
    return valid;
  }

  /** As {@link #keepValid} for task groups: one wrong resource fails its whole group. */
  static List<Protos.Offer.Operation.LaunchGroup> keepValidGroups(
      List<Protos.Offer.Operation.LaunchGroup> groups, String offerRole, Consumer<Event> report) {
    List<Protos.Offer.Operation.LaunchGroup> valid = new ArrayList<>(groups.size());
    for (Protos.Offer.Operation.LaunchGroup group : groups) {
      List<Protos.Resource> all = new ArrayList<>(group.getExecutor().getResourcesList());
      group.getTaskGroup().getTasksList().forEach(t -> all.addAll(t.getResourcesList()));
      Optional<String> wrong = problem(all, offerRole);
      if (wrong.isEmpty()) {
        valid.add(group);
      } else {
        group.getTaskGroup().getTasksList().forEach(t ->
            report.accept(error(t, Reason.REASON_TASK_GROUP_INVALID, wrong.get())));
      }
    }
    return valid;
  }

  static Event error(TaskInfo task, Reason reason, String why) {
    return SchedulerEvents.update(TaskStatuses.fromMaster(task.getTaskId().getValue(),
        task.getAgentId().getValue(), TaskState.TASK_ERROR, reason, why,
        System.currentTimeMillis() / 1000.0));
  }
}
