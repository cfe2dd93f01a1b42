package io.meseta.gateway.operator;

import io.meseta.core.model.FrameworkId;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;

/**
 * An operator's teardown of a framework ({@code /master/teardown} and v1 TEARDOWN): the framework
 * is removed and its tasks killed, exactly as if it had torn itself down.
 */
final class Teardowns {
  /** Why a teardown was refused, with the HTTP status to answer. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private Teardowns() {}

  static Future<Void> teardown(EventBus bus, String frameworkId) {
    if (frameworkId == null || frameworkId.isBlank()) {
      return Future.failedFuture(new Refused(400,
          "Missing 'frameworkId': name the framework to tear down, e.g. frameworkId=<id>"));
    }
    FrameworkId id;
    try {
      id = FrameworkId.of(frameworkId);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new Refused(400, "Invalid 'frameworkId': " + e.getMessage()));
    }
    return bus.request(Addresses.FRAMEWORKS, new Messages.Teardown(id))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(e instanceof ReplyException r
            && r.failureCode() == Failures.NOT_FOUND
            ? new Refused(400, "No framework found with ID '" + frameworkId
                + "': it is not registered (see /master/frameworks for the registered ones)")
            : new Refused(503, "The frameworks service did not answer the teardown ("
                + e.getMessage() + "); retry")));
  }
}
