package io.meseta.gateway.scheduler;

import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The shape checks Mesos makes before a scheduler call is accepted
 * ({@code validation::scheduler::call::validate}, same wording): a call that fails them changes
 * nothing and is answered "Failed to validate scheduler::Call: ..." with status 400.
 */
final class CallValidation {
  private static final int UUID_BYTES = 16;

  private CallValidation() {}

  /** The problem with the call, or empty when it is well formed. */
  static Optional<String> problem(Call call) {
    if (!call.hasType()) {
      return Optional.of("Expecting 'type' to be present. Unknown call type names count as"
          + " absent: use one of the Mesos v1 scheduler call types (SUBSCRIBE, ACCEPT, ...)");
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!call.hasSubscribe()) {
        return Optional.of("Expecting 'subscribe' to be present");
      }
      // Mesos compares the ids' values: unset and unset are equal, set and unset differ.
      String infoId = call.getSubscribe().getFrameworkInfo().getId().getValue();
      return infoId.equals(call.getFrameworkId().getValue())
          ? Optional.empty()
          : Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
    }
    if (!call.hasFrameworkId()) {
      return Optional.of("Expecting 'framework_id' to be present");
    }
    return switch (call.getType()) {
      case ACCEPT -> require(call.hasAccept(), "accept")
          .or(() -> call.getAccept().getOfferIdsCount() == 0
              ? Optional.of("ACCEPT must name at least one offer in 'accept.offer_ids'")
              : Optional.empty());
      case DECLINE -> require(call.hasDecline(), "decline");
      case ACCEPT_INVERSE_OFFERS -> require(call.hasAcceptInverseOffers(), "accept_inverse_offers");
      case DECLINE_INVERSE_OFFERS ->
          require(call.hasDeclineInverseOffers(), "decline_inverse_offers");
      case KILL -> require(call.hasKill(), "kill");
      case SHUTDOWN -> require(call.hasShutdown(), "shutdown");
      case ACKNOWLEDGE -> require(call.hasAcknowledge(), "acknowledge")
          .or(() -> uuid(call.getAcknowledge().getUuid().size(), "acknowledge.uuid"));
      case ACKNOWLEDGE_OPERATION_STATUS ->
          require(call.hasAcknowledgeOperationStatus(), "acknowledge_operation_status")
              .or(() -> uuid(call.getAcknowledgeOperationStatus().getUuid().size(),
                  "acknowledge_operation_status.uuid"))
              .or(() -> require(call.getAcknowledgeOperationStatus().hasAgentId(), "agent_id"));
      case RECONCILE -> require(call.hasReconcile(), "reconcile");
      case RECONCILE_OPERATIONS -> require(call.hasReconcileOperations(), "reconcile_operations");
      case MESSAGE -> require(call.hasMessage(), "message");
      case REQUEST -> require(call.hasRequest(), "request");
      case UPDATE_FRAMEWORK -> require(call.hasUpdateFramework(), "update_framework")
          .or(() -> call.getFrameworkId().getValue().equals(
                  call.getUpdateFramework().getFrameworkInfo().getId().getValue())
              ? Optional.empty()
              : Optional.of("'framework_id' differs from 'update_framework.framework_info.id'"));
      default -> Optional.empty();
    };
  }

  private static Optional<String> require(boolean present, String field) {
    return present ? Optional.empty() : Optional.of("Expecting '" + field + "' to be present");
  }

  private static Optional<String> uuid(int bytes, String field) {
    return bytes == UUID_BYTES
        ? Optional.empty()
        : Optional.of("Not a valid UUID in '" + field + "': expecting the 16 bytes of the status"
            + " update's uuid (base64 in JSON), got " + bytes + " bytes");
  }
}
