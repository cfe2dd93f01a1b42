package io.meseta.master.allocation;

import io.meseta.core.allocation.AcceptResult;
import io.meseta.core.allocation.Allocator;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.TaskStatuses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * ACCEPT for the allocator verticle, on its context: the offers are validated and consumed by
 * the allocator, RESERVE and UNRESERVE are carried out (stored first) on the merged offer, and
 * the launches go to the task tracker with the offer as those left it; what they do not use is
 * recovered with the call's filter.
 *
 * <p>Reservation operations run before every launch of the call, whatever their place in the
 * list: a LAUNCH listed before a RESERVE sees the reserved resources too.
 */
final class AcceptCalls {
  private final Allocator allocator;
  private final ReservationBook reservations;
  private final EventBus bus;
  private final Function<FrameworkId, Messages.FrameworkAdded> frameworks;
  private final Runnable scheduleAllocation;
  private final LaunchUsers authorization;

  AcceptCalls(Allocator allocator, ReservationBook reservations, EventBus bus,
      Function<FrameworkId, Messages.FrameworkAdded> frameworks, Runnable scheduleAllocation) {
    this(allocator, reservations, bus, frameworks, scheduleAllocation,
        io.meseta.acl.Acls.none());
  }

  /** @param acls who may run tasks as which user, and reserve for which role */
  AcceptCalls(Allocator allocator, ReservationBook reservations, EventBus bus,
      Function<FrameworkId, Messages.FrameworkAdded> frameworks, Runnable scheduleAllocation,
      io.meseta.acl.Acls acls) {
    this.authorization = new LaunchUsers(acls);
    this.allocator = allocator;
    this.reservations = reservations;
    this.bus = bus;
    this.frameworks = frameworks;
    this.scheduleAllocation = scheduleAllocation;
  }

  void accept(Message<Object> message, FrameworkId framework, Call.Accept accept) {
    List<TaskInfo> launches = new ArrayList<>();
    List<TaskInfo> singles = new ArrayList<>(); // LAUNCH tasks; launches also has groups'
    List<Protos.Offer.Operation.LaunchGroup> groups = new ArrayList<>();
    for (Protos.Offer.Operation operation : accept.getOperationsList()) {
      if (ReservationOperations.isReservation(operation)) {
        continue; // carried out once the offers are accepted, before any launch
      }
      if (operation.getType() == Protos.Offer.Operation.Type.LAUNCH_GROUP) {
        groups.add(operation.getLaunchGroup());
        launches.addAll(operation.getLaunchGroup().getTaskGroup().getTasksList());
        continue;
      }
      if (operation.getType() != Protos.Offer.Operation.Type.LAUNCH) {
        // Checked before any offer is touched, so a rejected call changes nothing.
        message.fail(Failures.NOT_IMPLEMENTED, "Offer operation " + operation.getType()
            + " is not supported yet; only LAUNCH, LAUNCH_GROUP, RESERVE and UNRESERVE are."
            + " Nothing was accepted");
        return;
      }
      launches.addAll(operation.getLaunch().getTaskInfosList());
      singles.addAll(operation.getLaunch().getTaskInfosList());
    }
    Messages.FrameworkAdded subscribed = frameworks.apply(framework);
    java.util.Optional<String> forbidden = authorization.reservationDenial(
        accept.getOperationsList(), subscribed == null ? null : subscribed.info());
    if (forbidden.isPresent()) {
      message.fail(Failures.FORBIDDEN, forbidden.get());
      return;
    }
    Duration refuse = refuse(accept.hasFilters() ? accept.getFilters() : null);
    AcceptResult result = allocator.accept(framework, offerIds(accept.getOfferIdsList()));
    if (result instanceof AcceptResult.Rejected rejected) {
      reportInvalidOffers(framework, launches, rejected.message());
      message.fail(Failures.BAD_REQUEST, rejected.message());
      scheduleAllocation.run();
      return;
    }
    AcceptResult.Accepted accepted = (AcceptResult.Accepted) result;
    Messages.FrameworkAdded facts = frameworks.apply(framework);
    reservations.carryOut(accepted.agentId(), accepted.resources(), accept.getOperationsList(),
            Set.of(accepted.role()), facts == null ? null : facts.info())
        .onComplete(converted -> {
          if (converted.failed()) {
            // Nothing was reserved: the offers' resources go back whole, without a filter.
            allocator.recover(framework, accepted.role(), accepted.agentId(),
                accepted.resources(), Duration.ZERO, Instant.now());
            reportInvalidOffers(framework, launches, converted.cause().getMessage());
            message.fail(converted.cause() instanceof ReservationOperations.Invalid
                ? Failures.BAD_REQUEST : Failures.SERVICE_UNAVAILABLE,
                converted.cause().getMessage());
            scheduleAllocation.run();
            return;
          }
          allocator.convert(framework, accepted.role(), accepted.agentId(), accepted.resources(),
              converted.result());
          launch(message, framework, new AcceptResult.Accepted(accepted.agentId(),
              converted.result(), accepted.role()), singles, groups, refuse);
        });
  }

  private void launch(Message<Object> message, FrameworkId framework,
      AcceptResult.Accepted accepted, List<TaskInfo> tasks,
      List<Protos.Offer.Operation.LaunchGroup> taskGroups, Duration refuse) {
    Consumer<Event> report =
        e -> bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(framework, e));
    List<TaskInfo> singles = LaunchRoles.keepValid(tasks, accepted.role(), report);
    List<Protos.Offer.Operation.LaunchGroup> groups =
        LaunchRoles.keepValidGroups(taskGroups, accepted.role(), report);
    Messages.FrameworkAdded facts = frameworks.apply(framework);
    Protos.FrameworkInfo info = facts == null ? null : facts.info();
    singles = authorization.keepAuthorized(singles, info, report);
    groups = authorization.keepAuthorizedGroups(groups, info, report);
    if (singles.isEmpty()
        && groups.stream().allMatch(g -> g.getTaskGroup().getTasksCount() == 0)) {
      allocator.recover(framework, accepted.role(), accepted.agentId(), accepted.resources(),
          refuse, Instant.now());
      scheduleAllocation.run();
      message.reply(null);
      return;
    }
    bus.<Messages.Launched>request(Addresses.TASKS, new Messages.LaunchTasks(
            framework, accepted.agentId(), accepted.resources(), singles, groups))
        .onComplete(reply -> {
          Resources used = reply.succeeded() ? reply.result().body().used() : Resources.EMPTY;
          allocator.recover(framework, accepted.role(), accepted.agentId(),
              accepted.resources().minus(used), refuse, Instant.now());
          scheduleAllocation.run();
          message.reply(null);
        });
  }

  /** Mesos: tasks launched on invalid offers get TASK_LOST, or TASK_DROPPED if partition-aware. */
  private void reportInvalidOffers(FrameworkId framework, List<TaskInfo> launches, String why) {
    Messages.FrameworkAdded facts = frameworks.apply(framework);
    TaskState state = facts != null && facts.partitionAware()
        ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
    for (TaskInfo task : launches) {
      bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(framework, SchedulerEvents.update(
          TaskStatuses.fromMaster(task.getTaskId().getValue(), task.getAgentId().getValue(),
              state, Reason.REASON_INVALID_OFFERS, why, System.currentTimeMillis() / 1000.0))));
    }
  }

  static List<OfferId> offerIds(List<Protos.OfferID> ids) {
    return ids.stream().map(id -> OfferId.of(id.getValue().isEmpty() ? "?" : id.getValue()))
        .toList();
  }

  /** Mesos: absent filters mean the default 5 s; the allocator applies negatives and caps. */
  static Duration refuse(Protos.Filters filters) {
    double seconds = filters == null || !filters.hasRefuseSeconds()
        ? 5.0 : filters.getRefuseSeconds();
    if (Double.isNaN(seconds)) {
      seconds = 5.0;
    }
    return Duration.ofMillis((long) Math.min(seconds * 1000, 365.0 * 86400 * 1000));
  }
}
