package io.meseta.master.cluster;

import static io.meseta.master.cluster.TestMembers.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.FrameworkId;
import io.meseta.master.bus.Messages;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three clustered Vert.x nodes in this JVM on the shipped configuration (CP subsystem of three),
 * as three master nodes would run: they elect a leader on their own Hazelcast members, and a
 * scheduler call sent on one node arrives equal at a consumer on another, through the wire form
 * of the bus codecs.
 */
class ClusteredBusTest {
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final List<LeaderElection> elections = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    elections.forEach(LeaderElection::close);
    // Members first, as a kill would: a graceful stop of the last CP members waits for a majority.
    nodes.forEach(node -> node.hazelcast().getLifecycleService().terminate());
    nodes.forEach(node -> node.close().await());
  }

  @Test
  void threeNodesElectALeaderAndASchedulerCallCrossesTheBusEqual() throws Exception {
    String name = "meseta-bus-test-" + UUID.randomUUID();
    int port = TestMembers.freePorts(3);
    long start = System.nanoTime();
    List<Future<ClusterNode>> starting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      starting.add(ClusterNode.start(TestMembers.config(name, port)));
    }
    for (Future<ClusterNode> node : starting) {
      nodes.add(node.await());
    }
    System.out.printf("three clustered Vert.x nodes up in %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
    for (ClusterNode node : nodes) {
      Messages.registerCodecs(node.vertx().eventBus());
      elections.add(LeaderElection.start(node.hazelcast(), node.vertx().getOrCreateContext(),
          node.nodeId(), "localhost", 5050, TestMembers.recording(new CopyOnWriteArrayList<>()),
          LeaderElection.Timing.from(node.hazelcast().getConfig())));
    }
    await("a leader", Duration.ofSeconds(30),
        () -> elections.stream().filter(LeaderElection::leaseValid).count() == 1);

    MessageConsumer<Messages.SchedulerCall> consumer = nodes.get(0).vertx().eventBus()
        .consumer("meseta.test.calls", message -> message.reply(
            new Messages.SchedulerCall(message.body().frameworkId(), message.body().call())));
    consumer.completion().await();

    Call call = Call.newBuilder()
        .setType(Call.Type.DECLINE)
        .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1"))
        .setDecline(Call.Decline.newBuilder().addOfferIds(OfferID.newBuilder().setValue("o-1")))
        .build();
    Messages.SchedulerCall sent = new Messages.SchedulerCall(new FrameworkId("fw-1"), call);
    Future<Message<Messages.SchedulerCall>> reply =
        nodes.get(2).vertx().eventBus().request("meseta.test.calls", sent);
    assertThat(reply.await().body()).isEqualTo(sent).isNotSameAs(sent);
  }
}
