package io.meseta.core.allocation;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The allocator's clients, as in Mesos: one per (framework, role). The sorter, the agents' books
 * and the refusal filters know clients only, so a MULTI_ROLE framework competes in each of its
 * roles separately and each role's share is its own. This class keeps the sorter's view of each
 * client (active or not) in step with its framework's connection and its role's suppression.
 *
 * <p>A single-role framework's client key is its framework id, so nothing changes for it; a
 * MULTI_ROLE framework's client for role r is keyed "{@code <framework id> as r}". Role names
 * have no whitespace, so the framework of any key can be told from the key alone, even after the
 * framework is gone while its tasks still hold resources.
 */
final class FrameworkClients {
  private static final String SEPARATOR = " as ";

  private static final class Framework {
    final boolean multiRole;
    boolean active = true;
    final Map<String, FrameworkId> clientByRole = new LinkedHashMap<>();
    final Set<String> suppressed = new HashSet<>();

    Framework(boolean multiRole) {
      this.multiRole = multiRole;
    }
  }

  private final Sorter sorter;
  private final RefusalFilters filters;
  private final Map<FrameworkId, Framework> frameworks = new HashMap<>();
  private final Map<FrameworkId, String> roleOfClient = new HashMap<>();

  FrameworkClients(Sorter sorter, RefusalFilters filters) {
    this.sorter = sorter;
    this.filters = filters;
  }

  /** The framework a client key belongs to. */
  static FrameworkId frameworkOf(FrameworkId client) {
    int at = client.value().lastIndexOf(SEPARATOR);
    return at < 0 ? client : FrameworkId.of(client.value().substring(0, at));
  }

  /** Per-client resources added up per framework. */
  static Map<FrameworkId, Resources> byFramework(Map<FrameworkId, Resources> byClient) {
    Map<FrameworkId, Resources> byFramework = new HashMap<>();
    byClient.forEach((client, r) -> byFramework.merge(frameworkOf(client), r, Resources::plus));
    return byFramework;
  }

  static boolean belongsTo(FrameworkId client, FrameworkId framework) {
    return client.equals(framework) || client.value().startsWith(framework.value() + SEPARATOR)
        && client.value().indexOf(SEPARATOR, framework.value().length() + 1) < 0;
  }

  boolean contains(FrameworkId framework) {
    return frameworks.containsKey(framework);
  }

  boolean isClient(FrameworkId client) {
    return roleOfClient.containsKey(client);
  }

  /** Adds an active framework with a client per role; {@code usedBy} is what a client already holds. */
  void add(FrameworkId framework, Collection<String> roles, boolean multiRole,
      Function<FrameworkId, Resources> usedBy) {
    requireOneRoleUnlessMultiRole(framework, multiRole, roles);
    if (frameworks.containsKey(framework)) {
      throw new IllegalStateException("framework " + framework
          + " is already added; remove it first, or update its roles");
    }
    frameworks.put(framework, new Framework(multiRole));
    roles.forEach(role -> addRole(framework, role, usedBy));
  }

  /** The framework's roles become {@code roles}; returns the roles it lost. */
  List<String> updateRoles(FrameworkId framework, Collection<String> roles,
      Function<FrameworkId, Resources> usedBy) {
    Framework known = frameworks.get(framework);
    requireOneRoleUnlessMultiRole(framework, known == null || known.multiRole, roles);
    List<String> removed = new ArrayList<>();
    for (String role : roles(framework)) {
      if (!roles.contains(role)) {
        Framework state = frameworks.get(framework);
        FrameworkId client = state.clientByRole.remove(role);
        state.suppressed.remove(role);
        roleOfClient.remove(client);
        forget(client);
        removed.add(role);
      }
    }
    for (String role : roles) {
      if (contains(framework) && !roles(framework).contains(role)) {
        addRole(framework, role, usedBy);
      }
    }
    return removed;
  }

  private static void requireOneRoleUnlessMultiRole(FrameworkId framework, boolean multiRole,
      Collection<String> roles) {
    if (!multiRole && roles.size() != 1) {
      throw new IllegalArgumentException("framework " + framework + " is not MULTI_ROLE, so it has"
          + " exactly one role; got " + roles);
    }
  }

  private void addRole(FrameworkId framework, String role, Function<FrameworkId, Resources> usedBy) {
    Objects.requireNonNull(role, "role");
    Framework state = frameworks.get(framework);
    FrameworkId client = state.multiRole
        ? FrameworkId.of(framework.value() + SEPARATOR + role) : framework;
    state.clientByRole.put(role, client);
    roleOfClient.put(client, role);
    sorter.add(client, role, usedBy.apply(client));
    sync(client);
  }

  /** Forgets the framework, its clients' filters and their places in the sorter; false if unknown. */
  boolean remove(FrameworkId framework) {
    Framework state = frameworks.remove(framework);
    if (state == null) {
      return false;
    }
    for (FrameworkId client : state.clientByRole.values()) {
      roleOfClient.remove(client);
      forget(client);
    }
    return true;
  }

  private void forget(FrameworkId client) {
    filters.clear(client);
    sorter.remove(client);
  }

  /** The framework's roles, in the order they were added. */
  List<String> roles(FrameworkId framework) {
    Framework state = frameworks.get(framework);
    return state == null ? List.of() : List.copyOf(state.clientByRole.keySet());
  }

  List<FrameworkId> clients(FrameworkId framework) {
    Framework state = frameworks.get(framework);
    return state == null ? List.of() : List.copyOf(state.clientByRole.values());
  }

  String roleOf(FrameworkId client) {
    return roleOfClient.get(client);
  }

  /** The client of the framework's role; for a framework no longer known, its id. */
  FrameworkId client(FrameworkId framework, String role) {
    Framework state = frameworks.get(framework);
    FrameworkId client = state == null ? null : state.clientByRole.get(role);
    return client != null ? client : framework;
  }

  void setActive(FrameworkId framework, boolean active) {
    Framework state = frameworks.get(framework);
    if (state != null) {
      state.active = active;
      state.clientByRole.values().forEach(this::sync);
    }
  }

  /**
   * Suppresses ({@code suppressed} true) or revives the listed roles, all of them when the list
   * is empty; a revived role's refusal filters go. Returns the clients affected; roles the
   * framework does not have are ignored.
   */
  List<FrameworkId> setSuppressed(FrameworkId framework, List<String> roles, boolean suppressed) {
    Framework state = frameworks.get(framework);
    if (state == null) {
      return List.of();
    }
    List<FrameworkId> affected = new ArrayList<>();
    for (Map.Entry<String, FrameworkId> entry : state.clientByRole.entrySet()) {
      if (roles.isEmpty() || roles.contains(entry.getKey())) {
        if (suppressed) {
          state.suppressed.add(entry.getKey());
        } else {
          state.suppressed.remove(entry.getKey());
          filters.clear(entry.getValue());
        }
        sync(entry.getValue());
        affected.add(entry.getValue());
      }
    }
    return affected;
  }

  /** The sorter lists a client only while its framework is connected and its role not suppressed. */
  private void sync(FrameworkId client) {
    String role = roleOfClient.get(client);
    Framework state = frameworks.get(frameworkOf(client));
    if (state != null && state.active && !state.suppressed.contains(role)) {
      sorter.activate(client);
    } else {
      sorter.deactivate(client);
    }
  }

  /** Every client, with its role. */
  Map<FrameworkId, String> all() {
    return Map.copyOf(roleOfClient);
  }

  /**
   * What frameworks use, by client: a MULTI_ROLE framework's resources reserved for one of its roles are that
   * role's, the rest its first role's (tasks do not say which role they were launched in).
   */
  Map<FrameworkId, Resources> byClient(Map<FrameworkId, Resources> inUse) {
    Map<FrameworkId, Resources> byClient = new HashMap<>();
    inUse.forEach((framework, resources) -> {
      List<String> roles = roles(framework);
      Resources rest = resources;
      for (String role : roles.size() > 1 ? roles : List.<String>of()) {
        Resources reserved = resources.reservedTo(role);
        if (!reserved.isEmpty()) {
          byClient.merge(client(framework, role), reserved, Resources::plus);
          rest = rest.minus(reserved);
        }
      }
      if (!rest.isEmpty()) {
        byClient.merge(roles.isEmpty() ? framework : client(framework, roles.get(0)), rest,
            Resources::plus);
      }
    });
    return byClient;
  }

  /**
   * The framework's client whose tasks on the agent use the resources: the role's if given and it holds
   * them, else one that holds them whole, else one that holds some.
   */
  FrameworkId holding(AgentState state, FrameworkId framework, String role, Resources resources) {
    if (role != null && state.usedBy(client(framework, role)).contains(resources)) {
      return client(framework, role);
    }
    FrameworkId partly = framework;
    for (Map.Entry<FrameworkId, Resources> used : state.used().entrySet()) {
      if (FrameworkClients.belongsTo(used.getKey(), framework)) {
        if (used.getValue().contains(resources)) {
          return used.getKey();
        }
        partly = used.getKey();
      }
    }
    return partly;
  }

  /** Added up over the framework's roles (and what it held before it named them, after a fail-over). */
  Resources sum(FrameworkId framework, Function<FrameworkId, Resources> part) {
    Resources sum = part.apply(framework);
    for (FrameworkId client : clients(framework)) {
      if (!client.equals(framework)) {
        sum = sum.plus(part.apply(client));
      }
    }
    return sum;
  }
}
