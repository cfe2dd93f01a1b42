package io.meseta.master.frameworks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A framework in Mesos' {@code /master/state} shape (tasks are filled in by the gateway). */
final class FrameworkJson {
  private FrameworkJson() {}

  static JsonObject of(FrameworkSession s, boolean active) {
    JsonArray capabilities = new JsonArray();
    s.info.getCapabilitiesList().forEach(c -> capabilities.add(c.getType().name()));
    JsonArray roles = new JsonArray().add(s.role());
    return new JsonObject()
        .put("id", s.id.value())
        .put("name", s.info.getName())
        .put("user", s.info.getUser())
        .put("principal", s.info.hasPrincipal() ? s.info.getPrincipal() : null)
        .put("hostname", s.info.getHostname())
        .put("webui_url", s.info.getWebuiUrl())
        .put("failover_timeout", s.info.getFailoverTimeout())
        .put("checkpoint", s.info.getCheckpoint())
        .put("role", s.role())
        .put("roles", roles)
        .put("capabilities", capabilities)
        .put("active", active && s.connected())
        .put("connected", s.connected())
        .put("recovered", false)
        .put("registered_time", s.registeredMillis / 1000.0)
        .put("unregistered_time", s.unregisteredMillis / 1000.0);
  }
}
