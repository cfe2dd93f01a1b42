package io.meseta.client;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A framework's callbacks. All are invoked on the driver's Vert.x context, one at a time, so an
 * implementation needs no locks for state it touches only here; none may block.
 */
public interface Scheduler {
  /**
   * Subscribed (again, after a reconnect) with this framework id. After a re-subscription the
   * master has forgotten offers and anything sent while disconnected: reconcile tasks now.
   *
   * @param masterInfo the master's info, or the default instance if the master sent none
   */
  void subscribed(SchedulerDriver driver, FrameworkID frameworkId, MasterInfo masterInfo);

  void offers(SchedulerDriver driver, List<Offer> offers);

  default void offerRescinded(SchedulerDriver driver, OfferID offerId) {}

  /**
   * A task status update. With {@link DriverOptions#autoAcknowledge()} the driver acknowledges it
   * after this method returns normally; if it throws, the update stays unacknowledged and the
   * agent sends it again.
   */
  void statusUpdate(SchedulerDriver driver, TaskStatus status);

  default void frameworkMessage(
      SchedulerDriver driver, AgentID agentId, ExecutorID executorId, byte[] data) {}

  /** The connection to the master is lost; the driver reconnects if its options say so. */
  default void disconnected(SchedulerDriver driver) {}

  /**
   * The master reports an error: a rejected subscription (then {@link SchedulerDriver#start()}
   * fails), a rejected call, or a terminal condition such as "Framework failed over". When the
   * master closes the connection right after an ERROR, the driver stops and does not reconnect.
   */
  default void error(SchedulerDriver driver, String message) {}

  /** An agent was lost with all its tasks (their updates follow). */
  default void failure(SchedulerDriver driver, AgentID agentId) {}
}
