package io.meseta.agent;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meseta.core.model.FrameworkId;
import io.meseta.protocol.json.MesosJson;
import io.meseta.protocol.json.MesosJsonException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The Mesos v1 executor HTTP API, {@code POST /api/v1/executor} (reference §2): SUBSCRIBE opens
 * a 200 RecordIO event stream; UPDATE, MESSAGE and HEARTBEAT are answered 202. Same exactness as
 * the scheduler API: exact Content-Type, JSON or protobuf, one record per chunk.
 */
final class ExecutorHttpApi {
  static final String PATH = "/api/v1/executor";
  /** A framework message's limit (1 MiB), base64-inflated, plus room for the rest of the call. */
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  private final ExecutorSupervisor executors;
  private final ExecutorTokens tokens;

  ExecutorHttpApi(ExecutorSupervisor executors) {
    this(executors, ExecutorTokens.OFF);
  }

  /** @param tokens when on, every call must carry the token of the executor it names */
  ExecutorHttpApi(ExecutorSupervisor executors, ExecutorTokens tokens) {
    this.executors = executors;
    this.tokens = tokens;
  }

  void mount(Router router) {
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.post(PATH).handler(this::handle);
    router.route(PATH).handler(rc -> rc.response().setStatusCode(405).putHeader("Allow", "POST")
        .end("Expecting POST to " + PATH + ", got " + rc.request().method()));
  }

  private void handle(RoutingContext rc) {
    HttpServerResponse response = rc.response();
    String contentType = rc.request().getHeader("Content-Type");
    if (contentType == null) {
      error(response, 400, "Expecting 'Content-Type' to be present: application/json or"
          + " application/x-protobuf");
      return;
    }
    boolean protobufIn = contentType.equals(ExecutorStream.PROTOBUF);
    if (!protobufIn && !contentType.equals(ExecutorStream.JSON)) {
      error(response, 415, "Expecting 'Content-Type' of application/json or"
          + " application/x-protobuf, got '" + contentType + "'");
      return;
    }
    Call call;
    try {
      call = parse(rc.body().buffer(), protobufIn);
    } catch (MesosJsonException | InvalidProtocolBufferException e) {
      error(response, 400, e.getMessage());
      return;
    }
    Optional<String> problem = validate(call);
    if (problem.isPresent()) {
      error(response, 400, "Failed to validate executor::Call: " + problem.get());
      return;
    }
    ExecutorRun.Key key = new ExecutorRun.Key(FrameworkId.of(call.getFrameworkId().getValue()),
        call.getExecutorId().getValue());
    Optional<ExecutorTokens.Refusal> refused =
        tokens.check(rc.request().getHeader("Authorization"), key);
    if (refused.isPresent()) {
      if (refused.get().status() == 401) {
        response.putHeader("WWW-Authenticate", "Bearer realm=\"meseta-executor\"");
      }
      error(response, refused.get().status(), refused.get().message());
      return;
    }
    Optional<ExecutorRun> found = executors.find(key);
    if (found.isEmpty()) {
      error(response, 400, "Executor " + key.executorId() + " of framework " + key.frameworkId()
          + " cannot be found on this agent (it was never launched here, or it has ended)");
      return;
    }
    ExecutorRun run = found.get();
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!run.accepting()) {
        error(response, 403, "Executor " + key + " is terminating; it must exit, not subscribe");
        return;
      }
      Optional<Boolean> protobufOut = accepts(rc.request().getHeader("Accept"));
      if (protobufOut.isEmpty()) {
        error(response, 406, "Expecting 'Accept' to allow application/json or"
            + " application/x-protobuf");
        return;
      }
      executors.subscribed(run, new ExecutorStream(response, protobufOut.get()), call.getSubscribe());
      return;
    }
    if (run.stream == null) { // a terminating executor still reports how its tasks ended
      error(response, 403, "Executor " + key + " is not subscribed: send SUBSCRIBE first");
      return;
    }
    switch (call.getType()) {
      case UPDATE -> {
        Optional<String> invalid = executors.update(run, call.getUpdate().getStatus());
        if (invalid.isPresent()) {
          error(response, 400, invalid.get());
          return;
        }
      }
      case MESSAGE -> executors.messageFromExecutor(run, call.getMessage().getData().toByteArray());
      default -> { } // HEARTBEAT: proof of life, nothing to do
    }
    response.setStatusCode(202).end();
  }

  private static Call parse(Buffer body, boolean protobuf) throws InvalidProtocolBufferException {
    if (body == null) {
      body = Buffer.buffer();
    }
    if (protobuf) {
      return Call.parseFrom(body.getBytes());
    }
    return MesosJson.parse(body.toString(StandardCharsets.UTF_8), Call.getDefaultInstance());
  }

  /** The shape checks of Mesos' {@code validation::executor::call::validate}. */
  static Optional<String> validate(Call call) {
    if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
      return Optional.of("Expecting 'type' to be present (SUBSCRIBE, UPDATE, MESSAGE or HEARTBEAT)");
    }
    // Blank ids too: a framework id of spaces would only fail later, as a 500 (found by fuzzing).
    if (call.getExecutorId().getValue().isBlank() || call.getFrameworkId().getValue().isBlank()) {
      return Optional.of("Expecting 'executor_id' and 'framework_id' to be present");
    }
    return switch (call.getType()) {
      case SUBSCRIBE -> call.hasSubscribe() ? Optional.empty()
          : Optional.of("Expecting 'subscribe' to be present");
      case UPDATE -> !call.hasUpdate() ? Optional.of("Expecting 'update' to be present")
          : call.getUpdate().getStatus().getTaskId().getValue().isEmpty()
              ? Optional.of("Expecting 'update.status.task_id' to be present") : Optional.empty();
      case MESSAGE -> !call.hasMessage() ? Optional.of("Expecting 'message' to be present")
          : call.getMessage().getData().size() > MAX_MESSAGE_BYTES
              ? Optional.of("MESSAGE 'data' is " + call.getMessage().getData().size()
                  + " bytes, more than the limit of " + MAX_MESSAGE_BYTES + " bytes")
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** JSON unless only protobuf is acceptable; empty when neither is. */
  private static Optional<Boolean> accepts(String accept) {
    if (accept == null || accept.isBlank() || accept.contains(ExecutorStream.JSON)
        || accept.contains("*/*") || accept.contains("application/*")) {
      return Optional.of(false);
    }
    return accept.contains(ExecutorStream.PROTOBUF) ? Optional.of(true) : Optional.empty();
  }

  private static void error(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
  }
}
