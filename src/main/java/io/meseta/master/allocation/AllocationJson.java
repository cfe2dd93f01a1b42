package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.StateJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocator's view for /master/state: per agent used/offered, per framework, offers. The
 * outstanding offers are grouped once, so the answer costs O(agents + frameworks + offers).
 */
final class AllocationJson {
  private AllocationJson() {}

  static JsonObject state(Allocator allocator, Collection<AgentId> agents,
      Collection<FrameworkId> frameworks) {
    Map<AgentId, Resources> offeredOn = new HashMap<>();
    Map<FrameworkId, JsonArray> offersOf = new HashMap<>();
    for (Offer o : allocator.offers()) {
      offeredOn.merge(o.agentId(), o.resources(), Resources::plus);
      offersOf.computeIfAbsent(o.frameworkId(), f -> new JsonArray()).add(new JsonObject()
          .put("id", o.id().value())
          .put("framework_id", o.frameworkId().value())
          .put("slave_id", o.agentId().value())
          .put("resources", StateJson.flatResources(o.resources())));
    }
    JsonObject byAgent = new JsonObject();
    for (AgentId agent : agents) {
      Resources total = allocator.total(agent);
      Resources offered = offeredOn.getOrDefault(agent, Resources.EMPTY);
      Resources used = total.minus(allocator.free(agent)).minus(offered);
      byAgent.put(agent.value(), new JsonObject()
          .put("resources", StateJson.flatResources(total))
          .put("used_resources", StateJson.flatResources(used))
          .put("offered_resources", StateJson.flatResources(offered))
          .put("unreserved_resources", StateJson.flatResources(total.unreserved()))
          .put("reserved_resources", ReservationBook.reservedByRole(total)));
    }
    JsonObject byFramework = new JsonObject();
    for (FrameworkId framework : frameworks) {
      Resources offered = allocator.offered(framework);
      byFramework.put(framework.value(), new JsonObject()
          .put("used_resources",
              StateJson.flatResources(allocator.allocated(framework).minus(offered)))
          .put("offered_resources", StateJson.flatResources(offered))
          .put("offers", offersOf.getOrDefault(framework, new JsonArray(List.of()))));
    }
    return new JsonObject().put("agents", byAgent).put("frameworks", byFramework);
  }
}
