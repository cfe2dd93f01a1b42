package io.meseta.core.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resource side of dynamic reservations (Mesos' RESERVE and UNRESERVE operations), single
 * level: a RESERVE turns unreserved resources into the same quantities reserved for a role, an
 * UNRESERVE the reverse. Each check says what is wrong and what to do; each conversion assumes
 * its check passed.
 */
public final class Reservations {
  private Reservations() {}

  /** Why {@code available} cannot have {@code wanted} (role-tagged) reserved, or empty. */
  public static Optional<String> reserveProblem(Resources available, Resources wanted) {
    if (wanted.isEmpty()) {
      return Optional.of("RESERVE names no resources; list the resources to reserve, each with"
          + " the role to reserve them for");
    }
    for (Resource entry : wanted.entries()) {
      if (entry.role().equals(Resource.UNRESERVED)) {
        return Optional.of("RESERVE of '" + Resources.of(List.of(entry)).toText()
            + "' names no role; give each resource the role to reserve it for");
      }
    }
    if (!available.unreserved().contains(wanted.withoutRoles())) {
      return Optional.of("RESERVE of '" + wanted.toText() + "' asks for more than the offer"
          + " holds unreserved ('" + available.unreserved().toText() + "'); reserve only"
          + " unreserved resources of the offer");
    }
    return Optional.empty();
  }

  /** {@code available} with {@code wanted}'s quantities moved from unreserved to their roles. */
  public static Resources reserve(Resources available, Resources wanted) {
    return available.minus(wanted.withoutRoles()).plus(wanted);
  }

  /**
   * Why {@code reserved} cannot be unreserved from {@code available}, or empty. Only dynamic
   * reservations ({@code dynamic}: what RESERVE operations put on the agent) can be undone: a
   * static one is part of the agent's configuration.
   */
  public static Optional<String> unreserveProblem(Resources available, Resources reserved,
      Resources dynamic) {
    if (reserved.isEmpty()) {
      return Optional.of("UNRESERVE names no resources; list the reserved resources to release");
    }
    for (Resource entry : reserved.entries()) {
      if (entry.role().equals(Resource.UNRESERVED)) {
        return Optional.of("UNRESERVE of '" + Resources.of(List.of(entry)).toText()
            + "': it is not reserved; unreserve only resources reserved for a role");
      }
    }
    if (!available.contains(reserved)) {
      return Optional.of("UNRESERVE of '" + reserved.toText() + "': the offer does not hold it"
          + " (it holds '" + available.toText() + "'); unreserve only reserved resources of"
          + " the offer");
    }
    if (!dynamic.contains(reserved)) {
      return Optional.of("UNRESERVE of '" + reserved.toText() + "': only '" + dynamic.toText()
          + "' of the agent was reserved dynamically; static reservations come from the"
          + " agent's --resources and cannot be unreserved");
    }
    return Optional.empty();
  }

  /** {@code available} with {@code reserved} given back to the unreserved pool. */
  public static Resources unreserve(Resources available, Resources reserved) {
    return available.minus(reserved).plus(reserved.withoutRoles());
  }

  /**
   * An agent's total as it reports it, with the dynamic reservations kept for it re-applied
   * (after a master fail-over or an agent re-registration). A reservation whose resources the
   * agent no longer has unreserved is left out, and returned in {@code dropped}.
   */
  public static Applied applyTo(Resources agentTotal, Resources dynamic) {
    Resources total = agentTotal;
    List<Resource> kept = new ArrayList<>();
    List<Resource> dropped = new ArrayList<>();
    for (Resource entry : dynamic.entries()) {
      Resources one = Resources.of(List.of(entry));
      if (reserveProblem(total, one).isEmpty()) {
        total = reserve(total, one);
        kept.add(entry);
      } else {
        dropped.add(entry);
      }
    }
    return new Applied(total, Resources.of(kept), Resources.of(dropped));
  }

  /**
   * The part of {@code offered} that is dynamically reserved: per reserved entry, no more than
   * {@code dynamic} holds for its role. A range or set entry counts as dynamic only when wholly
   * so; the remainder is static.
   */
  public static Resources dynamicPart(Resources offered, Resources dynamic) {
    List<Resource> part = new ArrayList<>();
    for (Resource entry : offered.entries()) {
      if (entry.role().equals(Resource.UNRESERVED)) {
        continue;
      }
      Resources one = Resources.of(List.of(entry));
      if (dynamic.contains(one)) {
        part.add(entry);
      } else if (entry instanceof Resource.Scalar scalar) {
        long held = dynamic.reservedTo(scalar.role()).scalarMillis(scalar.name());
        part.add(new Resource.Scalar(scalar.name(), scalar.role(),
            Math.min(held, scalar.millis())));
      }
    }
    return Resources.of(part);
  }

  /** An agent total with reservations re-applied; {@code dropped} no longer fit. */
  public record Applied(Resources total, Resources kept, Resources dropped) {}
}
