package io.meseta.client;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Writes each callback as one line ("subscribed M-0000", "update t1 TASK_RUNNING", ...). */
final class RecordingScheduler implements Scheduler {
  final BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();
  volatile BiConsumer<SchedulerDriver, List<Offer>> onOffers = (driver, offers) -> {};
  /** Set by statusUpdate, so a test can see that acknowledging came after it. */
  volatile boolean inStatusUpdate;

  @Override
  public void subscribed(SchedulerDriver driver, FrameworkID frameworkId, MasterInfo masterInfo) {
    callbacks.add("subscribed " + frameworkId.getValue() + " master " + masterInfo.getId());
  }

  @Override
  public void offers(SchedulerDriver driver, List<Offer> offers) {
    callbacks.add("offers " + offers.stream().map(o -> o.getId().getValue()).toList());
    onOffers.accept(driver, offers);
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    inStatusUpdate = true;
    callbacks.add("update " + status.getTaskId().getValue() + " " + status.getState());
    inStatusUpdate = false;
  }

  @Override
  public void disconnected(SchedulerDriver driver) {
    callbacks.add("disconnected");
  }

  @Override
  public void error(SchedulerDriver driver, String message) {
    callbacks.add("error " + message);
  }

  @Override
  public void failure(SchedulerDriver driver, AgentID agentId) {
    callbacks.add("failure " + agentId.getValue());
  }

  String next() throws InterruptedException {
    String callback = callbacks.poll(5, TimeUnit.SECONDS);
    if (callback == null) {
      throw new AssertionError("no scheduler callback within 5 s");
    }
    return callback;
  }
}
