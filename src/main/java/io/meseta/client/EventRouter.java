package io.meseta.client;

import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the events that only concern the framework to its {@link Scheduler}; SUBSCRIBED and ERROR
 * change the driver's own state and stay with the driver. Runs on the driver's context.
 */
final class EventRouter {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerDriver.class);

  private final SchedulerDriver driver;
  private final Scheduler scheduler;
  private final boolean autoAcknowledge;
  /**
   * Uuids of the updates already handed to the scheduler and acknowledged, newest last. An
   * acknowledgement can be lost with a failing master, and the agent then re-sends the update:
   * it is acknowledged again but not handed over twice. Bounded, so memory stays flat.
   */
  private final java.util.Set<com.google.protobuf.ByteString> acknowledged =
      java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(
            java.util.Map.Entry<com.google.protobuf.ByteString, Boolean> eldest) {
          return size() > 10_000;
        }
      });

  EventRouter(SchedulerDriver driver, Scheduler scheduler, boolean autoAcknowledge) {
    this.driver = driver;
    this.scheduler = scheduler;
    this.autoAcknowledge = autoAcknowledge;
  }

  void route(Event event) {
    switch (event.getType()) {
      case HEARTBEAT -> { } // its arrival already reset the driver's liveness clock
      case OFFERS ->
          callback("offers", () -> scheduler.offers(driver, event.getOffers().getOffersList()));
      case RESCIND -> callback("offerRescinded",
          () -> scheduler.offerRescinded(driver, event.getRescind().getOfferId()));
      case UPDATE -> update(event.getUpdate().getStatus());
      case MESSAGE -> callback("frameworkMessage", () -> scheduler.frameworkMessage(driver,
          event.getMessage().getAgentId(), event.getMessage().getExecutorId(),
          event.getMessage().getData().toByteArray()));
      case FAILURE -> failure(event.getFailure());
      default -> LOG.debug("Ignoring {} event: the Scheduler interface has no callback for it",
          event.hasType() ? event.getType() : "an unknown");
    }
  }

  /** Runs a scheduler callback; a throwing framework is logged, not allowed to kill the driver. */
  boolean callback(String name, Runnable action) {
    try {
      action.run();
      return true;
    } catch (RuntimeException e) {
      LOG.error("Scheduler.{} threw; the driver carries on", name, e);
      return false;
    }
  }

  private void update(TaskStatus status) {
    if (autoAcknowledge && status.hasUuid() && acknowledged.contains(status.getUuid())) {
      driver.acknowledge(status);
      return;
    }
    boolean handled = callback("statusUpdate", () -> scheduler.statusUpdate(driver, status));
    // Acknowledge only what the framework has processed; otherwise the agent resends it.
    if (handled && autoAcknowledge && status.hasUuid()) {
      acknowledged.add(status.getUuid());
      driver.acknowledge(status);
    }
  }

  private void failure(Event.Failure failure) {
    if (failure.hasExecutorId()) {
      // The interface has no executor-lost callback; the tasks' own updates follow anyway.
      LOG.info("Executor {} on agent {} exited with status {}", failure.getExecutorId().getValue(),
          failure.getAgentId().getValue(), failure.getStatus());
    } else {
      callback("failure", () -> scheduler.failure(driver, failure.getAgentId()));
    }
  }
}
