package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.Reason;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status updates survive missing acknowledgements and lost connections; the agent finds a master. */
class AgentReliabilityTest extends AgentTestSupport {

  @Test
  void anUnacknowledgedUpdateIsResentUntilAcknowledged() throws Exception {
    master.autoAck = false;
    startAgent(b -> b.statusRetry(Duration.ofMillis(100), Duration.ofMillis(200)));
    runShell("sleeper", "sleep 600");

    TaskStatusReport running = master.nextUpdate();
    assertThat(running.state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(master.nextUpdate()).as("first re-send").isEqualTo(running);
    assertThat(master.nextUpdate()).as("second re-send").isEqualTo(running);

    master.acknowledge(running);
    master.received.clear(); // a re-send may have crossed the acknowledgement
    master.expectSilence(Duration.ofMillis(600));
  }

  @Test
  void updatesOfATaskGoOutInOrderOneAtATime() throws Exception {
    master.autoAck = false;
    startAgent(b -> b.statusRetry(Duration.ofMillis(100), Duration.ofMillis(100)));
    runShell("quick", "echo done");

    TaskStatusReport running = master.nextUpdate();
    assertThat(running.state()).isEqualTo(TaskState.TASK_RUNNING);
    Thread.sleep(500); // the task has long finished; its FINISHED must wait for the ack
    assertThat(master.received).allMatch(m -> ((AgentMessage.StatusUpdate) m).status().equals(running));

    master.acknowledge(running);
    TaskStatusReport finished = master.nextUpdate();
    while (finished.equals(running)) { // re-sends of RUNNING that crossed the ack
      finished = master.nextUpdate();
    }
    assertThat(finished.state()).isEqualTo(TaskState.TASK_FINISHED);
    master.acknowledge(finished);

    // acknowledged terminal update: the agent has forgotten the task
    master.send(new AgentMessage.KillTask(FRAMEWORK, "quick", 0));
    TaskStatusReport lost = master.nextUpdate();
    while (lost.equals(finished)) {
      lost = master.nextUpdate();
    }
    assertThat(lost.state()).isEqualTo(TaskState.TASK_LOST);
    assertThat(lost.reason()).isEqualTo(Reason.REASON_TASK_UNKNOWN);
  }

  @Test
  void aDroppedConnectionLeadsToReregistrationWithTheRunningTasks() throws Exception {
    startAgent();
    runShell("survivor", "sleep 600");
    assertThat(master.nextUpdate().state()).isEqualTo(TaskState.TASK_RUNNING);
    long pid = pidOf("survivor");

    master.dropConnection();

    var reregister = master.next(AgentMessage.Reregister.class);
    assertThat(reregister.agentId()).isEqualTo(master.agentId);
    assertThat(reregister.port()).isEqualTo(agent.httpPort());
    assertThat(reregister.tasks()).containsExactly(new AgentMessage.RunningTask(
        FRAMEWORK, "survivor", "test survivor", "cpus:0.1;mem:32", TaskState.TASK_RUNNING));
    assertThat(master.connections).hasValue(2);
    assertThat(isGone(pid)).as("task died with the connection").isFalse();
  }

  @Test
  void anUpdatePendingWhenTheConnectionDropsIsResentAfterReregistering() throws Exception {
    master.autoAck = false;
    startAgent(); // retry interval 30 s: only the re-registration can bring the update back soon
    runShell("pending", "sleep 600");
    TaskStatusReport running = master.nextUpdate();

    master.dropConnection();
    master.next(AgentMessage.Reregister.class);

    assertThat(master.nextUpdate()).isEqualTo(running);
  }

  @Test
  void pingsAreAnswered() throws Exception {
    startAgent();

    master.send(new AgentMessage.Ping(7));

    assertThat(master.next(AgentMessage.Pong.class).seq()).isEqualTo(7);
  }

  @Test
  void aMasterThatStopsPingingIsLeftAndReconnected() throws Exception {
    master.pingIntervalMillis = 50; // silent for 5 × 50 ms → the agent gives up on this socket
    startAgent();

    assertThat(master.next(AgentMessage.Reregister.class).agentId()).isEqualTo(master.agentId);
    assertThat(master.connections.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anUnreachableMasterIsSkippedForTheNextOneOfTheList() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort(); // free once closed: connections to it are refused
    }
    var register = startAgent(b -> AgentConfig.builder(List.of("127.0.0.1:" + deadPort, master.address()), workDir)
        .bindHost("127.0.0.1").port(0).resources("cpus:1")
        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));

    assertThat(register).isInstanceOf(AgentMessage.Register.class);
    awaitRegistered();
  }

  @Test
  void aRefusedRegistrationIsRetried() throws Exception {
    master.refusals.set(1);

    startAgent();

    assertThat(master.next(AgentMessage.Register.class)).as("second attempt").isNotNull();
    awaitRegistered();
    assertThat(master.connections).hasValue(2);
  }
}
