package io.meseta.gateway.operator;

import io.meseta.acl.AclAction;
import io.meseta.acl.Acls;
import io.meseta.acl.ReservationAuthorization;
import io.meseta.gateway.security.GatewayGuard;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.master.Protos.Call;

/**
 * One operator request's principal under the master's ACLs: which frameworks and tasks its
 * reads show ({@code view_frameworks}, then {@code view_tasks}, both on the framework's
 * {@code user}, as Mesos filters {@code /state} and {@code /tasks}), and which changes it may
 * make (teardown, weights, quotas, reservations, agents). Without an ACL file it sees and may do
 * everything. The principal is the authenticated one, or none (only {@code ANY} rules cover it).
 */
record OperatorViewer(Acls acls, String principal) {

  private static final String KEY = "meseta.operator-viewer";

  /**
   * Puts each request's viewer on its context; mount before the operator routes. Metrics get
   * none: like Mesos', they count the whole cluster whoever asks.
   */
  static void attach(Router router, Acls acls) {
    router.route().handler(ctx -> {
      if (!ctx.normalizedPath().startsWith("/metrics")) {
        ctx.put(KEY, new OperatorViewer(acls, GatewayGuard.principal(ctx).orElse(null)));
      }
      ctx.next();
    });
  }

  /** The request's viewer; one that sees everything when none was attached (no ACLs). */
  static OperatorViewer of(RoutingContext ctx) {
    OperatorViewer viewer = ctx.get(KEY);
    return viewer != null ? viewer : new OperatorViewer(Acls.none(), null);
  }

  /** Why the principal may not make this v1 call (a 403 message), or empty. */
  Optional<String> callDenial(Call call) {
    return switch (call.getType()) {
      case UPDATE_WEIGHTS -> firstDenial(AclAction.UPDATE_WEIGHTS, call.getUpdateWeights()
          .getWeightInfosList().stream().map(w -> w.getRole()).toList());
      case UPDATE_QUOTA -> firstDenial(AclAction.UPDATE_QUOTAS, call.getUpdateQuota()
          .getQuotaConfigsList().stream().map(q -> q.getRole()).toList());
      case SET_QUOTA -> firstDenial(AclAction.UPDATE_QUOTAS,
          List.of(call.getSetQuota().getQuotaRequest().getRole()));
      case REMOVE_QUOTA -> firstDenial(AclAction.UPDATE_QUOTAS,
          List.of(call.getRemoveQuota().getRole()));
      case RESERVE_RESOURCES -> ReservationAuthorization.reserveDenial(acls, principal,
          call.getReserveResources().getResourcesList());
      case UNRESERVE_RESOURCES -> ReservationAuthorization.unreserveDenial(acls, principal,
          call.getUnreserveResources().getResourcesList());
      case MARK_AGENT_GONE -> acls.denial(AclAction.MARK_AGENTS_GONE, principal, null);
      case DRAIN_AGENT -> acls.denial(AclAction.DRAIN_AGENTS, principal, null);
      default -> Optional.empty();
    };
  }

  Optional<String> firstDenial(AclAction action, List<String> roles) {
    return roles.stream().map(role -> acls.denial(action, principal, role))
        .flatMap(Optional::stream).findFirst();
  }

  /**
   * Fails with a {@link Teardowns.Refused} 403 when the principal may not tear down the
   * framework ({@code teardown_frameworks} on the framework's principal); an unknown framework
   * passes, for the teardown itself to answer.
   */
  Future<Void> mayTearDown(EventBus bus, String frameworkId) {
    if (!acls.configured()) {
      return Future.succeededFuture();
    }
    return ClusterView.fetch(bus).compose(view -> {
      for (JsonObject framework : view.registeredFrameworks()) {
        if (framework.getString("id", "").equals(frameworkId)) {
          Optional<String> denial = acls.denial(AclAction.TEARDOWN_FRAMEWORKS, principal,
              framework.getString("principal"));
          if (denial.isPresent()) {
            return Future.failedFuture(new Teardowns.Refused(403, denial.get()));
          }
        }
      }
      return Future.succeededFuture();
    });
  }

  /** The view without the frameworks and tasks this principal may not see. */
  ClusterView filter(ClusterView view) {
    if (!acls.configured()) {
      return view;
    }
    Map<String, String> userOf = new HashMap<>();
    JsonObject frameworks = view.frameworks().copy();
    for (String group : new String[] {"frameworks", "completed_frameworks"}) {
      JsonArray kept = new JsonArray();
      for (JsonObject framework : ClusterView.objects(frameworks.getJsonArray(group))) {
        String user = framework.getString("user");
        if (acls.allows(AclAction.VIEW_FRAMEWORKS, principal, user)) {
          kept.add(framework);
          userOf.put(framework.getString("id"), user);
        }
      }
      frameworks.put(group, kept);
    }
    JsonObject tasks = view.tasks().copy();
    JsonObject byFramework = tasks.getJsonObject("tasks_by_framework", new JsonObject());
    for (String id : List.copyOf(byFramework.fieldNames())) {
      if (!userOf.containsKey(id)
          || !acls.allows(AclAction.VIEW_TASKS, principal, userOf.get(id))) {
        byFramework.remove(id);
      }
    }
    return new ClusterView(view.agents(), frameworks, tasks, view.allocation());
  }
}
