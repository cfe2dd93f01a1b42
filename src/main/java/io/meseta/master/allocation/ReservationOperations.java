package io.meseta.master.allocation;

import io.meseta.core.resources.Reservations;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * Reads the RESERVE and UNRESERVE operations of an ACCEPT (Mesos v1 shapes: the refined
 * {@code reservations} stack, single level, or the pre-refinement {@code role} plus {@code
 * reservation}) and checks what can be checked without the offer: the role is one of the
 * framework's, the principal is the framework's.
 */
final class ReservationOperations {

  /** A RESERVE ({@code reserve} true) or UNRESERVE of role-tagged resources. */
  record Step(boolean reserve, Resources resources, Map<String, ReservationInfo> infoByRole) {}

  /** An operation that cannot be carried out; the message says what to fix. */
  static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  private ReservationOperations() {}

  static boolean isReservation(Operation operation) {
    return operation.getType() == Operation.Type.RESERVE
        || operation.getType() == Operation.Type.UNRESERVE;
  }

  /**
   * @param roles the roles that may be reserved for: the offer's; null: any (an operator's call)
   * @param principal the framework's principal, or null
   * @throws Invalid naming the operation and what is wrong with it
   */
  static Step parse(Operation operation, int index, Set<String> roles, String principal) {
    boolean reserve = operation.getType() == Operation.Type.RESERVE;
    String where = "operations[" + index + "] (" + operation.getType() + "): ";
    List<Protos.Resource> messages = reserve
        ? operation.getReserve().getResourcesList()
        : operation.getUnreserve().getResourcesList();
    Map<String, ReservationInfo> infoByRole = new LinkedHashMap<>();
    for (Protos.Resource message : messages) {
      ReservationInfo info = reservationOf(message, where);
      if (roles != null && !roles.contains(info.getRole())) {
        throw new Invalid(where + "resources are reserved for role '" + info.getRole()
            + "', but the offers were made for role " + String.join(", ", roles) + "; reserve"
            + " and unreserve only for the role of the offer");
      }
      if (reserve && principal != null && info.hasPrincipal()
          && !info.getPrincipal().equals(principal)) {
        throw new Invalid(where + "the reservation's principal '" + info.getPrincipal()
            + "' is not the framework's principal '" + principal + "'; leave it out or use"
            + " the framework's");
      }
      if (reserve && !info.hasPrincipal() && principal != null) {
        info = info.toBuilder().setPrincipal(principal).build();
      }
      infoByRole.put(info.getRole(), info);
    }
    Resources resources;
    try {
      resources = ResourcesProto.fromProto(messages);
    } catch (IllegalArgumentException e) {
      throw new Invalid(where + e.getMessage());
    }
    return new Step(reserve, resources, infoByRole);
  }

  /** The one (dynamic) reservation of a resource, from either wire form. */
  @SuppressWarnings("deprecation") // role and reservation: what pre-refinement clients send
  private static ReservationInfo reservationOf(Protos.Resource message, String where) {
    int stacked = message.getReservationsCount();
    if (stacked > 1) {
      throw new Invalid(where + "resource '" + message.getName() + "' has " + stacked
          + " reservations; only single-level reservations are supported, so give one");
    }
    ReservationInfo info;
    if (stacked == 1) {
      info = message.getReservations(0);
      if (info.hasType() && info.getType() != ReservationInfo.Type.DYNAMIC) {
        throw new Invalid(where + "resource '" + message.getName() + "' has a "
            + info.getType() + " reservation; RESERVE and UNRESERVE act on DYNAMIC ones");
      }
    } else if (message.hasRole() && !message.getRole().equals(Resource.UNRESERVED)) {
      info = ReservationInfo.newBuilder().setRole(message.getRole())
          .mergeFrom(pre(message.getReservation())).build();
    } else {
      throw new Invalid(where + "resource '" + message.getName() + "' names no reservation;"
          + " set 'reservations' to [{\"type\":\"DYNAMIC\",\"role\":...}] (or 'role')");
    }
    return info.toBuilder().setType(ReservationInfo.Type.DYNAMIC).build();
  }

  /** The pre-refinement {@code reservation} carries principal and labels only. */
  private static ReservationInfo pre(ReservationInfo reservation) {
    ReservationInfo.Builder b = ReservationInfo.newBuilder();
    if (reservation.hasPrincipal()) {
      b.setPrincipal(reservation.getPrincipal());
    }
    if (reservation.hasLabels()) {
      b.setLabels(reservation.getLabels());
    }
    return b.buildPartial();
  }

  /** The offer and the agent's dynamic reservations after every step. */
  record Outcome(Resources offered, Resources dynamic) {}

  /**
   * Carries the steps out, in order, on the accepted offer; later steps see what earlier ones
   * converted, as in Mesos. {@code dynamic} is what RESERVE operations hold on the agent so far.
   *
   * @throws Invalid for the first step that cannot be carried out; then nothing applies
   */
  static Outcome apply(Resources offered, List<Step> steps, Resources dynamic) {
    Resources current = offered;
    Resources reserved = dynamic;
    for (Step step : steps) {
      Optional<String> problem = step.reserve()
          ? Reservations.reserveProblem(current, step.resources())
          : Reservations.unreserveProblem(current, step.resources(), reserved);
      if (problem.isPresent()) {
        throw new Invalid(problem.get() + ". Nothing was reserved or unreserved");
      }
      if (step.reserve()) {
        current = Reservations.reserve(current, step.resources());
        reserved = reserved.plus(step.resources());
      } else {
        current = Reservations.unreserve(current, step.resources());
        reserved = reserved.minus(step.resources());
      }
    }
    return new Outcome(current, reserved);
  }
}
