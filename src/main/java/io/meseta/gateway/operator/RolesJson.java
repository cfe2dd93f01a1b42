package io.meseta.gateway.operator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /master/roles}: every role a registered framework subscribed with or an operator gave a
 * weight or quota, its frameworks, what they hold, its weight (default 1.0) and its quota.
 */
final class RolesJson {
  /** A role with the ids of its frameworks and their allocated and offered resources. */
  record Role(String name, List<String> frameworks, JsonObject allocated, JsonObject offered) {}

  private RolesJson() {}

  static List<Role> roles(ClusterView view) {
    Map<String, Role> roles = new TreeMap<>();
    for (JsonObject framework : view.registeredFrameworks()) {
      JsonObject full = MasterStateJson.framework(view, framework);
      for (String name : rolesOf(framework)) {
        Role role = roles.computeIfAbsent(name, n ->
            new Role(n, new ArrayList<>(), FlatResources.NONE, FlatResources.NONE));
        role.frameworks().add(framework.getString("id"));
        roles.put(name, new Role(name, role.frameworks(),
            FlatResources.plus(role.allocated(), full.getJsonObject("used_resources")),
            FlatResources.plus(role.offered(), full.getJsonObject("offered_resources"))));
      }
    }
    for (String name : policy(view, "weights").fieldNames()) {
      roles.computeIfAbsent(name, n ->
          new Role(n, new ArrayList<>(), FlatResources.NONE, FlatResources.NONE));
    }
    for (String name : policy(view, "quotas").fieldNames()) {
      roles.computeIfAbsent(name, n ->
          new Role(n, new ArrayList<>(), FlatResources.NONE, FlatResources.NONE));
    }
    return List.copyOf(roles.values());
  }

  /** The role's operator-set weight, or Mesos' default 1.0. */
  static double weight(ClusterView view, String role) {
    return policy(view, "weights").getDouble(role, 1.0);
  }

  /** The role's quota as the allocator holds it: {@code {"guarantee": {..}, "limit": {..}}}. */
  private static JsonObject quota(ClusterView view, String role) {
    return policy(view, "quotas").getJsonObject(role, new JsonObject());
  }

  private static JsonObject policy(ClusterView view, String kind) {
    return view.allocation().getJsonObject(kind, new JsonObject());
  }

  static JsonObject json(ClusterView view) {
    JsonArray roles = new JsonArray();
    for (Role role : roles(view)) {
      roles.add(new JsonObject()
          .put("name", role.name())
          .put("weight", weight(view, role.name()))
          .put("quota", new JsonObject()
              .put("role", role.name())
              .put("guarantee", quota(view, role.name()).getJsonObject("guarantee",
                  new JsonObject()))
              .put("limit", quota(view, role.name()).getJsonObject("limit", new JsonObject()))
              .put("consumed", role.allocated()))
          .put("allocated", role.allocated())
          .put("offered", role.offered())
          .put("reserved", new JsonObject())
          .put("resources", role.allocated())
          .put("frameworks", new JsonArray(role.frameworks())));
    }
    return new JsonObject().put("roles", roles);
  }

  private static List<String> rolesOf(JsonObject framework) {
    JsonArray roles = framework.getJsonArray("roles");
    if (roles != null && !roles.isEmpty()) {
      return roles.stream().map(String::valueOf).toList();
    }
    return List.of(framework.getString("role", "*"));
  }
}
