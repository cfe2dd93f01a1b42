package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.protocol.StateJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;

/** The allocator's view for /master/state: per agent used/offered, per framework, offers. */
final class AllocationJson {
  private AllocationJson() {}

  static JsonObject state(Allocator allocator, Collection<AgentId> agents,
      Collection<FrameworkId> frameworks) {
    JsonObject byAgent = new JsonObject();
    for (AgentId agent : agents) {
      var total = allocator.total(agent);
      var free = allocator.free(agent);
      var offered = allocator.offers().stream()
          .filter(o -> o.agentId().equals(agent))
          .map(Offer::resources)
          .reduce(io.meseta.core.resources.Resources.EMPTY,
              io.meseta.core.resources.Resources::plus);
      var used = total.minus(free).minus(offered);
      byAgent.put(agent.value(), new JsonObject()
          .put("resources", StateJson.flatResources(total))
          .put("used_resources", StateJson.flatResources(used))
          .put("offered_resources", StateJson.flatResources(offered))
          .put("unreserved_resources", StateJson.flatResources(total.unreserved())));
    }
    JsonObject byFramework = new JsonObject();
    for (FrameworkId framework : frameworks) {
      var offered = allocator.offered(framework);
      JsonArray offers = new JsonArray();
      allocator.offers().stream().filter(o -> o.frameworkId().equals(framework))
          .forEach(o -> offers.add(new JsonObject()
              .put("id", o.id().value())
              .put("framework_id", framework.value())
              .put("slave_id", o.agentId().value())
              .put("resources", StateJson.flatResources(o.resources()))));
      byFramework.put(framework.value(), new JsonObject()
          .put("used_resources",
              StateJson.flatResources(allocator.allocated(framework).minus(offered)))
          .put("offered_resources", StateJson.flatResources(offered))
          .put("offers", offers));
    }
    return new JsonObject().put("agents", byAgent).put("frameworks", byFramework);
  }
}
