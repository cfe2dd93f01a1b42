package io.meseta.gateway.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meseta.core.model.FrameworkId;
import io.meseta.gateway.security.BoundedBody;
import io.meseta.gateway.security.FrameworkPrincipal;
import io.meseta.gateway.security.GatewayGuard;
import io.meseta.master.bus.Failures;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * {@code POST /api/v1/scheduler}, Mesos' own scheduler transport, with the checks and status
 * codes of Mesos {@code Master::Http::scheduler} in its order: leadership (307/503), method
 * (405), Content-Type (400/415), body (400), call validation (400), then SUBSCRIBE (406, 400,
 * 200 stream) or a call on a stream (400/403, then 202, or 200 for UPDATE_FRAMEWORK).
 */
public final class HttpSchedulerEndpoint implements Handler<RoutingContext> {
  static final String STREAM_ID = "Mesos-Stream-Id";

  private final SchedulerCalls calls;
  private final Leadership leadership;

  public HttpSchedulerEndpoint(SchedulerCalls calls, Leadership leadership) {
    this.calls = calls;
    this.leadership = leadership;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (Redirects.answeredForNonLeader(request, leadership.status())) {
      return;
    }
    if (request.method() != HttpMethod.POST) {
      request.response().putHeader("Allow", "POST");
      respond(request, 405, "Expecting one of { 'POST' }, but received '" + request.method() + "'");
      return;
    }
    String contentType = request.getHeader("Content-Type");
    if (contentType == null) {
      respond(request, 400, "Expecting 'Content-Type' to be present");
      return;
    }
    if (!contentType.equals(MediaTypes.JSON) && !contentType.equals(MediaTypes.PROTOBUF)) {
      respond(request, 415, "Expecting 'Content-Type' of " + MediaTypes.JSON + " or "
          + MediaTypes.PROTOBUF + ", got '" + contentType + "'");
      return;
    }
    // Collects a body sent with Content-Length or chunked alike, up to the limit.
    BoundedBody.read(request, calls.maxBodyBytes())
        .onSuccess(body -> onCall(ctx, contentType, body))
        .onFailure(e -> {
          if (e instanceof BoundedBody.TooLarge) {
            request.response().putHeader("Connection", "close");
            respond(request, 413, e.getMessage());
          } else {
            respond(request, 400, "Failed to read the request body: " + e.getMessage());
          }
        });
  }

  private void onCall(RoutingContext ctx, String contentType, Buffer body) {
    HttpServerRequest request = ctx.request();
    Call call;
    try {
      call = contentType.equals(MediaTypes.PROTOBUF)
          ? Call.parseFrom(body.getBytes())
          : calls.parseJson(body.toString(StandardCharsets.UTF_8));
    } catch (InvalidProtocolBufferException e) {
      respond(request, 400, "Failed to parse body into Call protobuf: " + e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      respond(request, 400, e.getMessage());
      return;
    }
    Optional<String> invalid = calls.rejected(call);
    Optional<String> mismatch = call.getType() == Call.Type.SUBSCRIBE
        ? FrameworkPrincipal.mismatch(GatewayGuard.principal(ctx),
            call.getSubscribe().getFrameworkInfo()).or(() -> calls.forbidden(call))
        : Optional.empty();
    if (invalid.isPresent()) {
      respond(request, 400, invalid.get());
    } else if (mismatch.isPresent()) {
      respond(request, 403, mismatch.get());
    } else if (call.getType() == Call.Type.SUBSCRIBE) {
      subscribe(request, call, GatewayGuard.principal(ctx));
    } else {
      callOnStream(request, call, GatewayGuard.principal(ctx));
    }
  }

  private void subscribe(HttpServerRequest request, Call call, Optional<String> principal) {
    String accept = request.getHeader("Accept");
    boolean protobuf;
    // Mesos prefers JSON whenever the client accepts it.
    if (MediaTypes.accepts(accept, MediaTypes.JSON)) {
      protobuf = false;
    } else if (MediaTypes.accepts(accept, MediaTypes.PROTOBUF)) {
      protobuf = true;
    } else {
      respond(request, 406, "Expecting 'Accept' to allow '" + MediaTypes.PROTOBUF + "' or '"
          + MediaTypes.JSON + "', got '" + accept + "'");
      return;
    }
    if (request.headers().contains(STREAM_ID)) {
      respond(request, 400, "Subscribe calls should not include the '" + STREAM_ID + "' header");
      return;
    }
    HttpEventStream stream = new HttpEventStream(request.response(), protobuf, request.version());
    calls.opened(stream);
    calls.streamPrincipals.opened(stream.id(), principal);
    stream.open(() -> {
      calls.streamPrincipals.closed(stream.id());
      calls.closed(stream);
    });
    calls.subscribe(stream, call, true);
  }

  private void callOnStream(HttpServerRequest request, Call call, Optional<String> principal) {
    String frameworkId = call.getFrameworkId().getValue();
    if (frameworkId.isBlank()) {
      respond(request, 400, "Framework cannot be found: 'framework_id' is empty");
      return;
    }
    Optional<String> otherPrincipal =
        calls.streamPrincipals.mismatch(request.getHeader(STREAM_ID), principal);
    if (otherPrincipal.isPresent()) {
      respond(request, 403, otherPrincipal.get());
      return;
    }
    FrameworkId framework = FrameworkId.of(frameworkId);
    calls.checkStream(framework, request.getHeader(STREAM_ID)).onComplete(check -> {
      if (check.failed()) {
        fail(request, check.cause());
        return;
      }
      calls.dispatch(framework, call).onComplete(done -> {
        if (done.succeeded()) {
          respond(request, call.getType() == Call.Type.UPDATE_FRAMEWORK ? 200 : 202, null);
        } else if (offerCall(call) && SchedulerCalls.statusOf(done.cause()) == Failures.BAD_REQUEST) {
          // Mesos accepts an ACCEPT or DECLINE of invalid offers (202) and reports the
          // consequences as events: TASK_LOST / TASK_DROPPED for the tasks it carried.
          respond(request, 202, null);
        } else {
          fail(request, done.cause());
        }
      });
    });
  }

  private static boolean offerCall(Call call) {
    return call.getType() == Call.Type.ACCEPT || call.getType() == Call.Type.DECLINE;
  }

  private static void fail(HttpServerRequest request, Throwable failure) {
    respond(request, SchedulerCalls.statusOf(failure), SchedulerCalls.reason(failure));
  }

  /** A complete response: an empty body carries {@code Content-Length: 0} (§9.2). */
  static void respond(HttpServerRequest request, int status, String message) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status);
    if (message == null || message.isEmpty()) {
      response.putHeader("Content-Length", "0").end();
    } else {
      byte[] body = message.getBytes(StandardCharsets.UTF_8);
      response.putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Content-Length", Integer.toString(body.length))
          .end(Buffer.buffer(body));
    }
  }
}
