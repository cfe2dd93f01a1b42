package io.meseta.gateway;

import io.meseta.master.bus.Addresses;
import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Which leader service handles each scheduler call, and the shape checks that Mesos makes before
 * a call is accepted (a call that fails them changes nothing).
 */
final class CallRouting {
  private CallRouting() {}

  /** The service address, or empty when the call type is not handled at all. */
  static Optional<String> serviceFor(Call.Type type) {
    return switch (type) {
      case TEARDOWN -> Optional.of(Addresses.FRAMEWORKS);
      case ACCEPT, DECLINE, REVIVE, SUPPRESS -> Optional.of(Addresses.ALLOCATOR);
      case KILL, ACKNOWLEDGE, RECONCILE, MESSAGE -> Optional.of(Addresses.TASKS);
      default -> Optional.empty();
    };
  }

  /** The problem with the call's body, or empty when it is well formed. */
  static Optional<String> problem(Call call) {
    return switch (call.getType()) {
      case ACCEPT -> require(call.hasAccept(), "accept")
          .or(() -> call.getAccept().getOfferIdsCount() == 0
              ? Optional.of("ACCEPT must name at least one offer in 'accept.offer_ids'")
              : Optional.empty());
      case DECLINE -> require(call.hasDecline(), "decline");
      case KILL -> require(call.hasKill(), "kill");
      case ACKNOWLEDGE -> require(call.hasAcknowledge(), "acknowledge");
      case MESSAGE -> require(call.hasMessage(), "message");
      default -> Optional.empty();
    };
  }

  private static Optional<String> require(boolean present, String field) {
    return present
        ? Optional.empty()
        : Optional.of("Expecting '" + field + "' to be present in a "
            + field.toUpperCase() + " call");
  }
}
