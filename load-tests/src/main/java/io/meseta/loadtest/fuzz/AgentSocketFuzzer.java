package io.meseta.loadtest.fuzz;

import io.meseta.core.model.Reason;
import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.protocol.agent.AgentCodec;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The agent WebSocket, {@code /api/v1/agent/ws} ({@link AgentCodec}). Each connection registers a
 * fake agent first, then behaves like a live one (PONG for PING, TASK_FINISHED for RUN_TASK) while it
 * sends mutations of every agent-to-master message, filled in with its real agent id and the last task
 * it was given, so that mutated status updates and re-registrations reach the task tracker.
 */
final class AgentSocketFuzzer extends SocketFuzzer {
  static final String FAKE_RESOURCES = "cpus:1;mem:256;disk:256;ports:[40000-40010]";

  AgentSocketFuzzer(FuzzCluster cluster) {
    super("agent WebSocket", "/api/v1/agent/ws", cluster);
  }

  @Override
  Session newSession(int worker) {
    return new FakeAgent(worker);
  }

  @Override
  String answerLabel(Session session, String frame) {
    String type;
    try {
      type = new JsonObject(frame).getString("type", "?");
    } catch (RuntimeException e) {
      return "undecodable message";
    }
    FakeAgent agent = (FakeAgent) session;
    return switch (type) {
      case "REGISTERED" -> agent.registered(new JsonObject(frame)) ? null : type;
      case "PING", "RUN_TASK", "RUN_TASK_GROUP", "KILL_TASK", "ACKNOWLEDGE", "SHUTDOWN_FRAMEWORK",
          "SHUTDOWN_EXECUTOR", "FRAMEWORK_MESSAGE" -> null;
      default -> type;
    };
  }

  /** One fake agent. */
  final class FakeAgent extends Session {
    private final int worker;
    private volatile String agentId = "S0";
    private volatile String frameworkId = "F";
    private volatile String taskId = "t1";

    FakeAgent(int worker) {
      this.worker = worker;
    }

    @Override
    Future<Void> open() {
      return openWith(AgentCodec.encode(register()));
    }

    /** True while opening: the answer to the session's own REGISTER is not an input's outcome. */
    boolean registered(JsonObject message) {
      agentId = message.getString("agent_id", agentId);
      return opened.tryComplete();
    }

    private AgentMessage.Register register() {
      return new AgentMessage.Register("fuzz-agent-" + worker, 5051, FAKE_RESOURCES,
          Map.of("rack", "fuzz"));
    }

    @Override
    byte[] input(Random random) {
      List<AgentMessage.ToMaster> seeds = List.of(
          register(),
          new AgentMessage.Reregister(agentId, "fuzz-agent-" + worker, 5051, FAKE_RESOURCES,
              Map.of(), List.of(new AgentMessage.RunningTask(frameworkId, taskId, "t",
                  "cpus:0.1;mem:16", TaskState.TASK_RUNNING))),
          new AgentMessage.Pong(random.nextInt(100)),
          status(TaskState.values()[random.nextInt(TaskState.values().length)]),
          status(TaskState.TASK_RUNNING),
          new AgentMessage.FrameworkMessage(frameworkId, "e", "aGVsbG8="),
          new AgentMessage.ExecutorExited(frameworkId, "e", 1, "gone"));
      String seed = AgentCodec.encode(seeds.get(random.nextInt(seeds.size())));
      return random.nextInt(20) == 0 ? Mutator.randomBytes(random) : Mutator.mutateJson(seed, random);
    }

    private AgentMessage.StatusUpdate status(TaskState state) {
      return new AgentMessage.StatusUpdate(new TaskStatusReport(frameworkId, taskId, agentId, state,
          Reason.REASON_COMMAND_EXECUTOR_FAILED, StatusSource.SOURCE_EXECUTOR, "fuzz",
          System.currentTimeMillis() / 1000.0, UUID.randomUUID().toString()));
    }

    @Override
    void unsolicited(String frame) {
      JsonObject message = new JsonObject(frame);
      switch (message.getString("type", "")) {
        case "PING" -> socket.writeTextMessage(
            AgentCodec.encode(new AgentMessage.Pong(message.getLong("seq", 0L))));
        case "RUN_TASK" -> {
          JsonObject task = message.getJsonObject("task", new JsonObject());
          frameworkId = task.getString("framework_id", frameworkId);
          taskId = task.getString("task_id", taskId);
          socket.writeTextMessage(AgentCodec.encode(status(TaskState.TASK_FINISHED)));
        }
        default -> { }
      }
    }
  }
}
