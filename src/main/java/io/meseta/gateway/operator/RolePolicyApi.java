package io.meseta.gateway.operator;

import io.meseta.core.allocation.RoleQuota;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * Operators' role weights and quotas: v1 GET_WEIGHTS, UPDATE_WEIGHTS, GET_QUOTA and UPDATE_QUOTA,
 * and the v0 {@code /master/weights} (GET, PUT) and {@code /master/quota} (GET). Reads come from
 * the allocator's state answer; updates go to the allocator, which checks them whole, stores
 * them and applies them, or changes nothing and says why.
 */
final class RolePolicyApi {
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);

  /** A refused call, with the HTTP status to answer and what to fix. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final EventBus bus;

  RolePolicyApi(EventBus bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    for (String path : new String[] {"/master/weights", "/weights"}) {
      router.route(path).handler(BodyHandler.create().setBodyLimit(1024 * 1024))
          .handler(this::weightsEndpoint);
    }
    for (String path : new String[] {"/master/quota", "/quota"}) {
      router.route(path).handler(this::quotaEndpoint);
    }
  }

  Future<Response> getWeights() {
    return policies().map(p -> Response.newBuilder().setType(Response.Type.GET_WEIGHTS)
        .setGetWeights(Response.GetWeights.newBuilder()
            .addAllWeightInfos(RolePolicyProtos.weightInfos(p.getJsonObject("weights"))))
        .build());
  }

  Future<Response> getQuota() {
    return policies().map(p -> Response.newBuilder().setType(Response.Type.GET_QUOTA)
        .setGetQuota(Response.GetQuota.newBuilder()
            .setStatus(RolePolicyProtos.status(p.getJsonObject("quotas"))))
        .build());
  }

  Future<Void> updateWeights(Call call) {
    if (!call.hasUpdateWeights()) {
      return refused("Expecting 'update_weights' to be present in an UPDATE_WEIGHTS call, e.g."
          + " {\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
          + "[{\"role\":\"dev\",\"weight\":2.0}]}}");
    }
    return updateWeights(call.getUpdateWeights().getWeightInfosList(), "weight_infos");
  }

  Future<Void> updateQuota(Call call) {
    if (!call.hasUpdateQuota()) {
      return refused("Expecting 'update_quota' to be present in an UPDATE_QUOTA call, e.g."
          + " {\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[{\"role\":\"dev\","
          + "\"limits\":{\"cpus\":{\"value\":10}}}]}}");
    }
    List<RoleQuota> quotas;
    try {
      quotas = RolePolicyProtos.quotas(call.getUpdateQuota().getQuotaConfigsList());
    } catch (IllegalArgumentException e) {
      return refused("Invalid UPDATE_QUOTA: " + e.getMessage() + "; nothing was changed");
    }
    return ask(new Messages.UpdateQuota(quotas, call.getUpdateQuota().getForce()));
  }

  /** RESERVE_RESOURCES or UNRESERVE_RESOURCES: dynamic reservations on one agent. */
  Future<Void> reservation(Call call) {
    boolean reserve = call.getType() == Call.Type.RESERVE_RESOURCES;
    String field = reserve ? "reserve_resources" : "unreserve_resources";
    String agent = reserve ? call.getReserveResources().getAgentId().getValue()
        : call.getUnreserveResources().getAgentId().getValue();
    List<org.apache.mesos.v1.Protos.Resource> resources = reserve
        ? call.getReserveResources().getResourcesList()
        : call.getUnreserveResources().getResourcesList();
    if (agent.isEmpty() || resources.isEmpty()) {
      return refused("Expecting '" + field + "' with 'agent_id' and 'resources', e.g. {\"type\":\""
          + call.getType() + "\",\"" + field + "\":{\"agent_id\":{\"value\":\"<agent>\"},"
          + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},"
          + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"dev\"}]}]}}");
    }
    return ask(new Messages.OperatorReservation(io.meseta.core.model.AgentId.of(agent),
        List.copyOf(resources), reserve));
  }

  private Future<Void> updateWeights(List<WeightInfo> infos, String field) {
    Map<String, Double> weights;
    try {
      weights = RolePolicyProtos.weights(infos, field);
    } catch (IllegalArgumentException e) {
      return refused("Invalid weights: " + e.getMessage() + "; nothing was changed");
    }
    return ask(new Messages.UpdateWeights(weights));
  }

  private Future<Void> ask(Object update) {
    return bus.request(Addresses.ALLOCATOR, update, TIMEOUT).<Void>mapEmpty()
        .recover(e -> Future.failedFuture(e instanceof ReplyException r
            && r.failureCode() == Failures.BAD_REQUEST
            ? new Refused(400, e.getMessage() + "; nothing was changed")
            : new Refused(503, "The allocator did not apply the update (" + e.getMessage()
                + "); retry shortly")));
  }

  private Future<JsonObject> policies() {
    return bus.<JsonObject>request(Addresses.state(Addresses.ALLOCATOR), null, TIMEOUT)
        .map(Message::body)
        .recover(e -> Future.failedFuture(new Refused(503,
            "Master state is not available (" + e.getMessage() + "); retry shortly")));
  }

  private void weightsEndpoint(RoutingContext ctx) {
    String method = ctx.request().method().name();
    if (method.equals("GET")) {
      getWeights().onSuccess(r -> {
        JsonArray array = new JsonArray();
        r.getGetWeights().getWeightInfosList()
            .forEach(w -> array.add(new JsonObject(MesosJson.print(w))));
        ctx.response().putHeader("Content-Type", "application/json").end(array.encode());
      }).onFailure(e -> fail(ctx, e));
    } else if (method.equals("PUT")) {
      parseWeightsBody(ctx).compose(infos -> updateWeights(infos, "weights"))
          .onSuccess(v -> ctx.response().setStatusCode(200).end())
          .onFailure(e -> fail(ctx, e));
    } else {
      ctx.response().putHeader("Allow", "GET, PUT");
      Problems.send(ctx.response(), 405, "Expecting 'GET' or 'PUT', received '" + method + "'");
    }
  }

  private void quotaEndpoint(RoutingContext ctx) {
    String method = ctx.request().method().name();
    if (method.equals("GET")) {
      getQuota().onSuccess(r -> ctx.response().putHeader("Content-Type", "application/json")
              .end(MesosJson.print(r.getGetQuota().getStatus())))
          .onFailure(e -> fail(ctx, e));
    } else {
      ctx.response().putHeader("Allow", "GET");
      Problems.send(ctx.response(), 405, "Expecting 'GET', received '" + method + "'; to set"
          + " or remove a quota, POST an UPDATE_QUOTA call to /api/v1");
    }
  }

  /** Mesos' PUT body: a JSON array of WeightInfo, {@code [{"role":"r1","weight":2.0}]}. */
  private static Future<List<WeightInfo>> parseWeightsBody(RoutingContext ctx) {
    String usage = "send a JSON array such as [{\"role\":\"dev\",\"weight\":2.0}]";
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      return refused("The request body is empty; " + usage);
    }
    JsonArray array;
    try {
      array = new JsonArray(body);
    } catch (DecodeException | ClassCastException e) {
      return refused("The request body is not a JSON array (" + e.getMessage() + "); " + usage);
    }
    List<WeightInfo> infos = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        return refused("weights[" + i + "] is not a JSON object; " + usage);
      }
      try {
        infos.add(MesosJson.parse(item.encode(), WeightInfo.getDefaultInstance()));
      } catch (IllegalArgumentException e) {
        return refused("weights[" + i + "]: " + e.getMessage() + "; " + usage);
      }
    }
    return Future.succeededFuture(infos);
  }

  private static <T> Future<T> refused(String message) {
    return Future.failedFuture(new Refused(400, message));
  }

  /** A v1 read: 200 with the response, or the refusal's status and message. */
  static void answer(HttpServerResponse response, Encoding out, Future<Response> answer) {
    answer.onSuccess(r -> response.setStatusCode(200).putHeader("Content-Type", out.mediaType)
            .end(out.encode(r)))
        .onFailure(e -> Problems.send(response, e instanceof Refused r ? r.status : 500,
            e.getMessage()));
  }

  /** A v1 update: 200 with no body, as Mesos answers, or the refusal's status and message. */
  static void done(HttpServerResponse response, Future<Void> update) {
    update.onSuccess(v -> response.setStatusCode(200).end())
        .onFailure(e -> Problems.send(response, e instanceof Refused r ? r.status : 500,
            e.getMessage()));
  }

  static void fail(RoutingContext ctx, Throwable e) {
    Problems.send(ctx.response(), e instanceof Refused r ? r.status : 500, e.getMessage());
  }
}
