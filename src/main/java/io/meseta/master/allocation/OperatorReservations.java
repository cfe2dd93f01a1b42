package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's RESERVE_RESOURCES and UNRESERVE_RESOURCES (/api/v1): as in Mesos, the agent's
 * outstanding offers are rescinded so that what is to be converted is unallocated, the change is
 * stored, and then the agent's unallocated resources are converted.
 */
final class OperatorReservations {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorReservations.class);

  private final Allocator allocator;
  private final ReservationBook reservations;
  private final Consumer<List<Offer>> rescinded;
  private final Runnable scheduleAllocation;

  OperatorReservations(Allocator allocator, ReservationBook reservations,
      Consumer<List<Offer>> rescinded, Runnable scheduleAllocation) {
    this.allocator = allocator;
    this.reservations = reservations;
    this.rescinded = rescinded;
    this.scheduleAllocation = scheduleAllocation;
  }

  void handle(Message<Object> message, Messages.OperatorReservation call) {
    AgentId agent = call.agentId();
    if (allocator.total(agent).isEmpty()) {
      message.fail(Failures.BAD_REQUEST, "No agent " + agent + " is registered; use the id of"
          + " a registered agent (GET_AGENTS lists them)");
      return;
    }
    Operation operation = call.reserve()
        ? Operation.newBuilder().setType(Operation.Type.RESERVE)
            .setReserve(Operation.Reserve.newBuilder().addAllResources(call.resources())).build()
        : Operation.newBuilder().setType(Operation.Type.UNRESERVE)
            .setUnreserve(Operation.Unreserve.newBuilder().addAllResources(call.resources()))
            .build();
    ReservationOperations.Step step;
    try {
      step = ReservationOperations.parse(operation, 0, null, null);
    } catch (ReservationOperations.Invalid e) {
      message.fail(Failures.BAD_REQUEST, e.getMessage());
      return;
    }
    rescindOffersOn(agent);
    Resources from = step.reserve() ? step.resources().withoutRoles() : step.resources();
    Resources to = step.reserve() ? step.resources() : step.resources().withoutRoles();
    reservations.apply(agent, allocator.free(agent), List.of(step)).onComplete(stored -> {
      if (stored.failed()) {
        message.fail(stored.cause() instanceof ReservationOperations.Invalid
            ? Failures.BAD_REQUEST : Failures.SERVICE_UNAVAILABLE,
            "On the unallocated resources of agent " + agent + ": "
                + stored.cause().getMessage());
        scheduleAllocation.run();
        return;
      }
      // Offers made while the change was being stored are taken back too.
      if (!allocator.convertFree(agent, from, to)) {
        rescindOffersOn(agent);
        if (!allocator.convertFree(agent, from, to)) {
          LOG.warn("Reservation change '{}' on agent {} is stored but not applied: a task took"
              + " the resources meanwhile; it applies when the agent registers again",
              step.resources().toText(), agent);
        }
      }
      scheduleAllocation.run();
      message.reply(null);
    });
  }

  private void rescindOffersOn(AgentId agent) {
    List<Offer> back = new ArrayList<>();
    for (Offer offer : List.copyOf(allocator.offers())) {
      if (offer.agentId().equals(agent)) {
        back.addAll(allocator.rescind(offer.id()));
      }
    }
    rescinded.accept(back);
  }
}
