package io.meseta.gateway.operator;

import io.meseta.master.MasterIdentity;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * The v1 operator API, {@code POST /api/v1} (Mesos {@code Master::Http::api}): one {@code
 * mesos.v1.master.Call} per request, in JSON or protobuf; synchronous calls answer 200 with a
 * {@code Response}, TEARDOWN 200 with no body, SUBSCRIBE opens an event stream. Calls for
 * features Meseta does not have yet answer 501 naming the call.
 */
final class OperatorApi {
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final EventBus bus;
  private final MasterIdentity identity;
  private final Map<String, String> flags;
  private final OperatorEventStream stream;
  private final RolePolicyApi policies;

  OperatorApi(EventBus bus, MasterIdentity identity, Map<String, String> flags,
      OperatorEventStream stream) {
    this.bus = bus;
    this.identity = identity;
    this.flags = flags;
    this.stream = stream;
    this.policies = new RolePolicyApi(bus);
  }

  void mount(Router router) {
    for (String path : new String[] {"/api/v1", "/master/api/v1"}) {
      router.route(path).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
          .handler(this::handle);
    }
  }

  private void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    String method = ctx.request().method().name();
    if (!method.equals("POST")) {
      Problems.methodNotAllowed(response, method);
      return;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null) {
      Problems.send(response, 400, "Expecting 'Content-Type' to be present: send"
          + " application/json or application/x-protobuf");
      return;
    }
    Optional<Encoding> in = Encoding.ofContentType(contentType);
    if (in.isEmpty()) {
      Problems.send(response, 415, "Expecting 'Content-Type' of application/json or"
          + " application/x-protobuf, got '" + contentType + "'");
      return;
    }
    String accept = ctx.request().getHeader("Accept");
    Optional<Encoding> out = Encoding.accepted(accept);
    if (out.isEmpty()) {
      Problems.send(response, 406, "Expecting 'Accept' to allow application/json or"
          + " application/x-protobuf, got '" + accept + "'");
      return;
    }
    Call call;
    try {
      Buffer body = ctx.body().buffer();
      call = in.get().decode(body == null ? Buffer.buffer() : body, Call.getDefaultInstance());
    } catch (IllegalArgumentException e) {
      Problems.send(response, 400, "Failed to parse body into Call: " + e.getMessage());
      return;
    }
    OperatorViewer viewer = OperatorViewer.of(ctx);
    Optional<String> forbidden = viewer.callDenial(call);
    if (forbidden.isPresent()) {
      Problems.send(response, 403, forbidden.get());
      return;
    }
    dispatch(call, response, out.get(), viewer);
  }

  private void dispatch(Call call, HttpServerResponse response, Encoding out,
      OperatorViewer viewer) {
    switch (call.getType()) {
      case GET_HEALTH -> respond(response, out, Future.succeededFuture(V1Responses.health()));
      case GET_VERSION -> respond(response, out, Future.succeededFuture(V1Responses.version()));
      case GET_FLAGS -> respond(response, out, Future.succeededFuture(V1Responses.flags(flags)));
      case GET_MASTER ->
          respond(response, out, Future.succeededFuture(V1Responses.master(identity)));
      case GET_EXECUTORS -> respond(response, out, Future.succeededFuture(V1Responses.executors()));
      case GET_METRICS -> withView(response, out,
          v -> V1Responses.metrics(MasterMetrics.snapshot(v, identity, stream.size())));
      case GET_STATE -> withView(response, out, v -> V1Responses.state(viewer.filter(v)));
      case GET_AGENTS -> withView(response, out, V1Responses::agents);
      case GET_FRAMEWORKS ->
          withView(response, out, v -> V1Responses.frameworks(viewer.filter(v)));
      case GET_TASKS -> withView(response, out, v -> V1Responses.tasks(viewer.filter(v)));
      case GET_ROLES -> withView(response, out, V1Responses::roles);
      case GET_WEIGHTS -> RolePolicyApi.answer(response, out, policies.getWeights());
      case UPDATE_WEIGHTS -> RolePolicyApi.done(response, policies.updateWeights(call));
      case GET_QUOTA -> RolePolicyApi.answer(response, out, policies.getQuota());
      case UPDATE_QUOTA -> RolePolicyApi.done(response, policies.updateQuota(call));
      case RESERVE_RESOURCES, UNRESERVE_RESOURCES ->
          RolePolicyApi.done(response, policies.reservation(call));
      case TEARDOWN -> teardown(call, response, viewer);
      case SUBSCRIBE -> subscribe(response, out, viewer);
      case UNKNOWN -> Problems.send(response, 501, "Unknown call type: set 'type' to one of the"
          + " mesos.v1.master.Call types, e.g. GET_STATE");
      default -> Problems.send(response, 501, "Call type " + call.getType() + " is not"
          + " supported by Meseta yet; the supported calls are GET_HEALTH, GET_VERSION,"
          + " GET_METRICS, GET_FLAGS, GET_STATE, GET_AGENTS, GET_FRAMEWORKS, GET_EXECUTORS,"
          + " GET_TASKS, GET_ROLES, GET_WEIGHTS, UPDATE_WEIGHTS, GET_QUOTA, UPDATE_QUOTA,"
          + " RESERVE_RESOURCES, UNRESERVE_RESOURCES,"
          + " GET_MASTER, TEARDOWN and SUBSCRIBE");
    }
  }

  private void teardown(Call call, HttpServerResponse response, OperatorViewer viewer) {
    if (!call.hasTeardown()) {
      Problems.send(response, 400, "Expecting 'teardown' to be present in a TEARDOWN call,"
          + " with 'teardown.framework_id'");
      return;
    }
    String framework = call.getTeardown().getFrameworkId().getValue();
    viewer.mayTearDown(bus, framework).compose(v -> Teardowns.teardown(bus, framework))
        .onSuccess(v -> response.setStatusCode(200).end())
        .onFailure(e -> Problems.send(response,
            e instanceof Teardowns.Refused r ? r.status : 500, e.getMessage()));
  }

  private void subscribe(HttpServerResponse response, Encoding out, OperatorViewer viewer) {
    if (stream.full()) {
      Problems.send(response, 503, "Too many operator event stream subscribers: this master"
          + " serves at most " + stream.maxSubscribers() + " (Mesos'"
          + " --max_operator_event_stream_subscribers); close an idle stream and retry");
      return;
    }
    stream.subscribe(response, out, viewer);
  }

  private void withView(HttpServerResponse response, Encoding out,
      Function<ClusterView, Response> build) {
    respond(response, out, ClusterView.fetch(bus).map(build));
  }

  private static void respond(HttpServerResponse response, Encoding out, Future<Response> answer) {
    answer
        .onSuccess(r -> response.setStatusCode(200).putHeader("Content-Type", out.mediaType)
            .end(out.encode(r)))
        .onFailure(e -> Problems.send(response, 503,
            "Master state is not available (" + e.getMessage() + "); retry shortly"));
  }
}
