package io.meseta.master.allocation;

import io.meseta.acl.AclAction;
import io.meseta.acl.Acls;
import io.meseta.acl.FrameworkAuthorization;
import io.meseta.acl.ReservationAuthorization;
import io.meseta.acl.TaskUsers;
import io.meseta.core.model.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The ACLs on what an ACCEPT does: {@code run_tasks} (the framework's principal × the OS user each
 * task runs as; a task that may not run gets TASK_ERROR with REASON_TASK_UNAUTHORIZED, as in
 * Mesos, and the others launch), and {@code reserve_resources} / {@code unreserve_resources} for
 * its RESERVE and UNRESERVE operations (refused before any offer is touched).
 */
final class LaunchUsers {
  private final Acls acls;

  LaunchUsers(Acls acls) {
    this.acls = acls;
  }

  /** The first RESERVE or UNRESERVE of the call its framework may not do, as a 403 message. */
  Optional<String> reservationDenial(List<Operation> operations, FrameworkInfo framework) {
    String principal = FrameworkAuthorization.principalOf(framework);
    for (Operation operation : operations) {
      Optional<String> denial = switch (operation.getType()) {
        case RESERVE -> ReservationAuthorization.reserveDenial(acls, principal,
            operation.getReserve().getResourcesList());
        case UNRESERVE -> ReservationAuthorization.unreserveDenial(acls, principal,
            operation.getUnreserve().getResourcesList());
        default -> Optional.empty();
      };
      if (denial.isPresent()) {
        return denial.map(d -> d + ". Nothing was accepted");
      }
    }
    return Optional.empty();
  }

  List<TaskInfo> keepAuthorized(List<TaskInfo> tasks, FrameworkInfo framework,
      Consumer<Event> report) {
    List<TaskInfo> allowed = new ArrayList<>(tasks.size());
    for (TaskInfo task : tasks) {
      Optional<String> denial = denial(task, null, framework);
      if (denial.isEmpty()) {
        allowed.add(task);
      } else {
        report.accept(LaunchRoles.error(task, Reason.REASON_TASK_UNAUTHORIZED, denial.get()));
      }
    }
    return allowed;
  }

  /** As {@link #keepAuthorized}: one task that may not run fails its whole group. */
  List<Operation.LaunchGroup> keepAuthorizedGroups(List<Operation.LaunchGroup> groups,
      FrameworkInfo framework, Consumer<Event> report) {
    List<Operation.LaunchGroup> allowed = new ArrayList<>(groups.size());
    for (Operation.LaunchGroup group : groups) {
      Optional<String> denial = group.getTaskGroup().getTasksList().stream()
          .map(t -> denial(t, group.getExecutor(), framework))
          .flatMap(Optional::stream).findFirst();
      if (denial.isEmpty()) {
        allowed.add(group);
      } else {
        group.getTaskGroup().getTasksList().forEach(t -> report.accept(
            LaunchRoles.error(t, Reason.REASON_TASK_GROUP_UNAUTHORIZED, denial.get())));
      }
    }
    return allowed;
  }

  private Optional<String> denial(TaskInfo task, org.apache.mesos.v1.Protos.ExecutorInfo executor,
      FrameworkInfo framework) {
    return acls.denial(AclAction.RUN_TASKS, FrameworkAuthorization.principalOf(framework),
        TaskUsers.userOf(task, executor, framework));
  }
}
