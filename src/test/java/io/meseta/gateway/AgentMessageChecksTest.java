package io.meseta.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentCodec;
import io.meseta.protocol.agent.AgentMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Regressions from the fuzz campaign ({@code load-tests/run fuzz}): each of these agent frames used
 * to throw inside the task tracker, the agent registry or the allocator (unhandled, unanswered); now
 * the gateway refuses them with a reason.
 */
class AgentMessageChecksTest {
  private static final int MAX_ID = 256;

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"type\":\"STATUS_UPDATE\"}",
    "{\"type\":\"STATUS_UPDATE\",\"status\":{\"task_id\":\"t\",\"state\":\"TASK_RUNNING\"}}",
    "{\"type\":\"STATUS_UPDATE\",\"status\":{\"framework_id\":\"F\",\"task_id\":\"t\"}}",
    "{\"type\":\"STATUS_UPDATE\",\"status\":{\"framework_id\":\"F\",\"task_id\":\"t\","
        + "\"state\":\"TASK_RUNNING\",\"uuid\":\"6f1c-not-base64\"}}",
    "{\"type\":\"FRAMEWORK_MESSAGE\",\"executor_id\":\"e\",\"data\":\"aGk=\"}",
    "{\"type\":\"EXECUTOR_EXITED\",\"framework_id\":\"F\",\"status\":1}",
    "{\"type\":\"REGISTER\",\"hostname\":\"h\",\"port\":1}",
    "{\"type\":\"REGISTER\",\"hostname\":\"h\",\"port\":1,\"resources\":\"cpus:1\","
        + "\"attributes\":{\"rack\":null}}",
    "{\"type\":\"REREGISTER\",\"hostname\":\"h\",\"port\":1,\"resources\":\"cpus:1\"}",
    "{\"type\":\"REREGISTER\",\"agent_id\":\"S1\",\"hostname\":\"h\",\"port\":1,"
        + "\"resources\":\"cpus:1;mem:16\",\"tasks\":[{\"framework_id\":\"F\",\"task_id\":\"t\","
        + "\"resources\":\"cpus:2;mem:16\",\"state\":\"TASK_RUNNING\"}]}"
  })
  void malformedAgentFramesAreRefusedWithAReason(String frame) {
    AgentMessage message = AgentCodec.decode(frame);

    assertThat(AgentMessageChecks.problem(message, MAX_ID)).as(frame).isPresent()
        .hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
  }

  @Test
  void wellFormedFramesPass() {
    List<AgentMessage> valid = List.of(
        new AgentMessage.Register("h", 1, "cpus:1;mem:16", Map.of("rack", "r1")),
        new AgentMessage.Reregister("S1", "h", 1, "cpus:1;mem:16", Map.of(),
            List.of(new AgentMessage.RunningTask("F", "t", "t", "cpus:0.5;mem:16",
                TaskState.TASK_RUNNING))),
        new AgentMessage.FrameworkMessage("F", "e", "aGk="),
        new AgentMessage.ExecutorExited("F", "e", 0, "done"));

    assertThat(valid).allSatisfy(m -> assertThat(AgentMessageChecks.problem(m, MAX_ID)).isEmpty());
  }
}
