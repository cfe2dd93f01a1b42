package io.meseta.master.allocation;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Reservations;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import io.meseta.master.state.StateStore;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dynamic reservations of every agent (RESERVE minus UNRESERVE), with each role's
 * reservation (principal, labels). Written through the state store, fenced by the leader epoch,
 * before the allocator sees them, so a new leader re-applies exactly what was granted when the
 * agent (re-)registers. Touched only on the allocator verticle's context; changes run one after
 * another so each sees what its predecessor left.
 *
 * <p>Resources are keyed by role alone: two reservations for one role on one agent merge, and
 * the role keeps the newest principal and labels.
 */
final class ReservationBook {
  private static final Logger LOG = LoggerFactory.getLogger(ReservationBook.class);
  /** The state store map: agent id to {@code {"resources": text, "reservations": {role: info}}}. */
  static final String MAP = "reservations";

  private record Held(Resources dynamic, Map<String, ReservationInfo> infoByRole) {}

  private final StateStore store;
  private final long epoch;
  private final Context context;
  private final Map<AgentId, Held> byAgent = new HashMap<>();
  private Future<?> previous = Future.succeededFuture();

  ReservationBook(StateStore store, long epoch, Context context) {
    this.store = store;
    this.epoch = epoch;
    this.context = context;
  }

  /** Reads what earlier leaders stored; a document that does not parse is skipped, logged. */
  Future<Void> load() {
    return ContextHop.onContext(context, store.entries(MAP)).map(stored -> {
      stored.forEach((agent, json) -> {
        try {
          Map<String, ReservationInfo> infos = new TreeMap<>();
          JsonObject roles = json.getJsonObject("reservations", new JsonObject());
          for (String role : roles.fieldNames()) {
            infos.put(role, MesosJson.parse(roles.getJsonObject(role).encode(),
                ReservationInfo.getDefaultInstance()));
          }
          byAgent.put(AgentId.of(agent),
              new Held(Resources.parse(json.getString("resources", "")), infos));
        } catch (RuntimeException e) {
          LOG.warn("Ignoring the stored reservations of agent {}: {}", agent, e.getMessage());
        }
      });
      return null;
    });
  }

  Resources dynamic(AgentId agent) {
    Held held = byAgent.get(agent);
    return held == null ? Resources.EMPTY : held.dynamic();
  }

  Optional<ReservationInfo> info(AgentId agent, String role) {
    Held held = byAgent.get(agent);
    return held == null ? Optional.empty() : Optional.ofNullable(held.infoByRole().get(role));
  }

  /**
   * The total an agent reports, with its dynamic reservations re-applied. What no longer fits
   * (the agent came back smaller) is left out of the total but kept in the book, in case the
   * agent comes back whole.
   */
  Resources applyTo(AgentId agent, Resources reported) {
    Reservations.Applied applied = Reservations.applyTo(reported, dynamic(agent));
    if (!applied.dropped().isEmpty()) {
      LOG.warn("Agent {} no longer has '{}' unreserved; its reservation '{}' is not applied",
          agent, reported.unreserved().toText(), applied.dropped().toText());
    }
    return applied.total();
  }

  /**
   * The RESERVE and UNRESERVE operations among {@code operations}, carried out on the accepted
   * offer (see {@link #apply}); other operations are skipped. With none, the offer as it was.
   *
   * @param roles the framework's roles
   * @param info what the framework subscribed with (its principal), or null
   */
  Future<Resources> carryOut(AgentId agent, Resources offered, List<Operation> operations,
      Set<String> roles, FrameworkInfo info) {
    String principal = info != null && info.hasPrincipal() ? info.getPrincipal() : null;
    List<ReservationOperations.Step> steps = new ArrayList<>();
    try {
      for (int i = 0; i < operations.size(); i++) {
        if (ReservationOperations.isReservation(operations.get(i))) {
          steps.add(ReservationOperations.parse(operations.get(i), i, roles, principal));
        }
      }
    } catch (ReservationOperations.Invalid e) {
      return Future.failedFuture(e);
    }
    return steps.isEmpty() ? Future.succeededFuture(offered) : apply(agent, offered, steps);
  }

  /**
   * Carries out the steps on the accepted offer, stores the agent's new reservations and then
   * keeps them; the result is the offer as the steps left it. Fails with {@link
   * ReservationOperations.Invalid} (nothing stored or kept) or with the store's error.
   */
  Future<Resources> apply(AgentId agent, Resources offered,
      List<ReservationOperations.Step> steps) {
    return serially(() -> {
      ReservationOperations.Outcome outcome;
      try {
        outcome = ReservationOperations.apply(offered, steps, dynamic(agent));
      } catch (ReservationOperations.Invalid e) {
        return Future.failedFuture(e);
      }
      Held before = byAgent.get(agent);
      Map<String, ReservationInfo> infos = new TreeMap<>(
          before == null ? Map.of() : before.infoByRole());
      for (ReservationOperations.Step step : steps) {
        if (step.reserve()) {
          infos.putAll(step.infoByRole());
        }
      }
      infos.keySet().removeIf(role -> outcome.dynamic().reservedTo(role).isEmpty());
      Held after = new Held(outcome.dynamic(), infos);
      Future<Void> written = after.dynamic().isEmpty()
          ? store.remove(MAP, epoch, agent.value())
          : store.put(MAP, epoch, agent.value(), toJson(after));
      return ContextHop.onContext(context, written).map(v -> {
        if (after.dynamic().isEmpty()) {
          byAgent.remove(agent);
        } else {
          byAgent.put(agent, after);
        }
        return outcome.offered();
      });
    });
  }

  /** How offers of the agent show its reservations to a framework that subscribed with info. */
  OfferProtos.ReservationView view(AgentId agent, FrameworkInfo info) {
    boolean refinement = info != null && info.getCapabilitiesList().stream().anyMatch(c ->
        c.getType() == FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
    return new OfferProtos.ReservationView(dynamic(agent), role -> info(agent, role),
        refinement, FrameworkRoles.multiRole(info));
  }

  /** Per agent, per role: the reserved resources in the flat form of /master/state. */
  static JsonObject reservedByRole(Resources total) {
    Map<String, Resources> byRole = new TreeMap<>();
    for (Resource entry : total.entries()) {
      if (!entry.role().equals(Resource.UNRESERVED)) {
        byRole.merge(entry.role(), Resources.of(List.of(entry)), Resources::plus);
      }
    }
    JsonObject json = new JsonObject();
    byRole.forEach((role, resources) -> json.put(role,
        io.meseta.protocol.StateJson.flatResources(resources)));
    return json;
  }

  private static JsonObject toJson(Held held) {
    JsonObject roles = new JsonObject();
    held.infoByRole().forEach((role, info) ->
        roles.put(role, new JsonObject(MesosJson.print(info))));
    return new JsonObject().put("resources", held.dynamic().toText()).put("reservations", roles);
  }

  private <T> Future<T> serially(Supplier<Future<T>> step) {
    Future<T> result = previous.transform(ignored -> step.get());
    previous = result;
    return result;
  }
}
