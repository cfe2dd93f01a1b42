package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.Offer;
import io.meseta.core.allocation.Quota;
import io.meseta.core.allocation.RolePolicyChecks;
import io.meseta.core.allocation.RoleQuota;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import io.meseta.master.state.StateStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Role weights and quotas set by operators: validated whole, written through the state store
 * (fenced by this leader's epoch), and only then applied to the allocator, so what the allocator
 * enforces is always what a new leader will load. Touched only on the allocator verticle's
 * context; updates run one after another so each is checked against the state its predecessor
 * left.
 */
final class RolePolicies {
  private static final Logger LOG = LoggerFactory.getLogger(RolePolicies.class);

  /** A refused update: the message says what to fix; nothing was changed. */
  static final class Refused extends IllegalArgumentException {
    Refused(String message) {
      super(message);
    }
  }

  private final StateStore store;
  private final long epoch;
  private final Allocator allocator;
  private final Context context;
  private final Map<String, Double> weights = new TreeMap<>();
  private Future<?> previous = Future.succeededFuture();

  RolePolicies(StateStore store, long epoch, Allocator allocator, Context context) {
    this.store = store;
    this.epoch = epoch;
    this.allocator = allocator;
    this.context = context;
  }

  /** Applies what the store holds; entries that do not validate are skipped with a warning. */
  Future<Void> load() {
    Future<Map<String, JsonObject>> storedWeights = onContext(store.entries(StateStore.WEIGHTS));
    Future<Map<String, JsonObject>> storedQuotas = onContext(store.entries(StateStore.QUOTAS));
    return Future.all(storedWeights, storedQuotas).map(v -> {
      storedWeights.result().forEach((role, json) -> {
        Map<String, Double> one = Map.of(role, json.getDouble("weight", 0.0));
        RolePolicyChecks.weights(one).ifPresentOrElse(
            problem -> LOG.warn("Ignoring the stored weight of role '{}': {}", role, problem),
            () -> applyWeights(one));
      });
      storedQuotas.result().forEach((role, json) -> {
        try {
          RoleQuota quota = new RoleQuota(role, quotaOf(json));
          RolePolicyChecks.quotas(List.of(quota), true, r -> Resources.EMPTY).ifPresentOrElse(
              problem -> LOG.warn("Ignoring the stored quota of role '{}': {}", role, problem),
              () -> allocator.setQuota(role, quota.quota()));
        } catch (IllegalArgumentException e) {
          LOG.warn("Ignoring the stored quota of role '{}': {}", role, e.getMessage());
        }
      });
      return null;
    });
  }

  Future<Void> updateWeights(Map<String, Double> update) {
    return serially(() -> {
      Optional<String> problem = RolePolicyChecks.weights(update);
      if (problem.isPresent()) {
        return Future.failedFuture(new Refused(problem.get()));
      }
      Map<String, JsonObject> puts = new LinkedHashMap<>();
      update.forEach((role, weight) -> puts.put(role, new JsonObject().put("weight", weight)));
      return onContext(store.write(StateStore.WEIGHTS, epoch, puts, List.of()))
          .map(v -> {
            applyWeights(update);
            return null;
          });
    });
  }

  /** Returns the offers rescinded because a role's limit shrank; their frameworks must be told. */
  Future<List<Offer>> updateQuota(List<RoleQuota> update, boolean force,
      Function<String, Resources> consumedByRole) {
    return serially(() -> {
      Optional<String> problem = RolePolicyChecks.quotas(update, force, consumedByRole);
      if (problem.isPresent()) {
        return Future.failedFuture(new Refused(problem.get()));
      }
      Map<String, JsonObject> puts = new LinkedHashMap<>();
      List<String> removes = new ArrayList<>();
      for (RoleQuota q : update) {
        if (q.removes()) {
          removes.add(q.role());
        } else {
          puts.put(q.role(), new JsonObject()
              .put("guarantee", quantities(q.quota().guarantee()))
              .put("limit", quantities(q.quota().limit())));
        }
      }
      return onContext(store.write(StateStore.QUOTAS, epoch, puts, removes)).map(v -> {
        List<Offer> rescinded = new ArrayList<>();
        for (RoleQuota q : update) {
          rescinded.addAll(allocator.setQuota(q.role(), q.removes() ? null : q.quota()));
        }
        return rescinded;
      });
    });
  }

  /** {@code {"weights": {role: w}, "quotas": {role: {"guarantee": {..}, "limit": {..}}}}}. */
  JsonObject toJson() {
    JsonObject weightsJson = new JsonObject();
    weights.forEach(weightsJson::put);
    JsonObject quotasJson = new JsonObject();
    new TreeMap<>(allocator.quotas()).forEach((role, quota) -> quotasJson.put(role,
        new JsonObject()
            .put("guarantee", quantities(quota.guarantee()))
            .put("limit", quantities(quota.limit()))));
    return new JsonObject().put("weights", weightsJson).put("quotas", quotasJson);
  }

  private void applyWeights(Map<String, Double> update) {
    update.forEach((role, weight) -> {
      allocator.setWeight(role, weight);
      weights.put(role, weight);
    });
  }

  /** Mesos' ResourceQuantities JSON: only the named scalars, {@code {"cpus": 1.0}}. */
  static JsonObject quantities(Resources resources) {
    JsonObject json = new JsonObject();
    for (String name : resources.scalarNames()) {
      json.put(name, resources.scalar(name));
    }
    return json;
  }

  static Resources quantitiesOf(JsonObject json) {
    List<Resource> scalars = new ArrayList<>();
    if (json != null) {
      for (String name : json.fieldNames()) {
        scalars.add(Resource.Scalar.of(name, Resource.UNRESERVED,
            ((Number) json.getValue(name)).doubleValue()));
      }
    }
    return Resources.of(scalars);
  }

  private static Quota quotaOf(JsonObject json) {
    return new Quota(quantitiesOf(json.getJsonObject("guarantee")),
        quantitiesOf(json.getJsonObject("limit")));
  }

  private <T> Future<T> serially(Supplier<Future<T>> step) {
    Future<T> result = previous.transform(ignored -> step.get());
    previous = result;
    return result;
  }

  private <T> Future<T> onContext(Future<T> future) {
    return ContextHop.onContext(context, future);
  }
}
