package io.meseta.acl;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.Resource;

/**
 * {@code reserve_resources} (principal × the role reserved for) and {@code unreserve_resources}
 * (principal × the principal that made the reservation), for a framework's RESERVE and UNRESERVE
 * offer operations and an operator's RESERVE_RESOURCES and UNRESERVE_RESOURCES alike. Resources
 * are read in both Mesos shapes: the refined {@code reservations} stack (its last, innermost
 * entry counts) or the older {@code role} plus {@code reservation}.
 */
public final class ReservationAuthorization {
  private ReservationAuthorization() {}

  public static Optional<String> reserveDenial(Acls acls, String principal,
      List<Resource> resources) {
    return firstDenial(acls, AclAction.RESERVE_RESOURCES, principal, resources,
        ReservationAuthorization::roleOf);
  }

  public static Optional<String> unreserveDenial(Acls acls, String principal,
      List<Resource> resources) {
    return firstDenial(acls, AclAction.UNRESERVE_RESOURCES, principal, resources,
        ReservationAuthorization::reserverOf);
  }

  private static Optional<String> firstDenial(Acls acls, AclAction action, String principal,
      List<Resource> resources, Function<Resource, String> objectOf) {
    return resources.stream().map(r -> acls.denial(action, principal, objectOf.apply(r)))
        .flatMap(Optional::stream).findFirst();
  }

  private static String roleOf(Resource resource) {
    if (resource.getReservationsCount() > 0) {
      return resource.getReservations(resource.getReservationsCount() - 1).getRole();
    }
    return resource.hasRole() ? resource.getRole() : null;
  }

  /** Who reserved the resource, or null if nobody is named (only an ANY rule covers that). */
  private static String reserverOf(Resource resource) {
    if (resource.getReservationsCount() > 0) {
      Resource.ReservationInfo info =
          resource.getReservations(resource.getReservationsCount() - 1);
      return info.hasPrincipal() ? info.getPrincipal() : null;
    }
    return resource.hasReservation() && resource.getReservation().hasPrincipal()
        ? resource.getReservation().getPrincipal() : null;
  }
}
