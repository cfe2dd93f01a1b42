package io.meseta.gateway.operator;

import io.meseta.core.allocation.Quota;
import io.meseta.core.allocation.RoleQuota;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.quota.Protos.QuotaInfo;
import org.apache.mesos.v1.quota.Protos.QuotaStatus;

/**
 * Weights and quotas between Mesos' wire messages ({@code WeightInfo}, {@code QuotaConfig},
 * {@code QuotaStatus}) and the allocator's terms. Decoding throws IllegalArgumentException naming
 * the offending entry, so a caller can answer 400 without changing anything.
 */
final class RolePolicyProtos {
  private RolePolicyProtos() {}

  /** Roles in request order; a role named twice is refused rather than silently merged. */
  static Map<String, Double> weights(List<WeightInfo> infos, String field) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (int i = 0; i < infos.size(); i++) {
      WeightInfo info = infos.get(i);
      String where = field + "[" + i + "]";
      if (!info.hasRole()) {
        throw new IllegalArgumentException(where + ": 'role' is missing; name the role to weigh");
      }
      if (!info.hasWeight()) {
        throw new IllegalArgumentException(where + " (role '" + info.getRole()
            + "'): 'weight' is missing; give a number greater than 0, e.g. 2.0");
      }
      if (weights.put(info.getRole(), info.getWeight()) != null) {
        throw new IllegalArgumentException(where + ": role '" + info.getRole()
            + "' appears more than once; send one weight per role");
      }
    }
    return weights;
  }

  static List<RoleQuota> quotas(List<QuotaConfig> configs) {
    List<RoleQuota> quotas = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      QuotaConfig config = configs.get(i);
      String where = "quota_configs[" + i + "]";
      if (!config.hasRole()) {
        throw new IllegalArgumentException(where + ": 'role' is missing; name the role the"
            + " quota is for");
      }
      where += " (role '" + config.getRole() + "')";
      Resources guarantees = scalars(config.getGuaranteesMap(), where + ".guarantees");
      Resources limits = scalars(config.getLimitsMap(), where + ".limits");
      try {
        quotas.add(new RoleQuota(config.getRole(), new Quota(guarantees, limits)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return quotas;
  }

  private static Resources scalars(Map<String, Value.Scalar> named, String where) {
    List<Resource> scalars = new ArrayList<>();
    named.forEach((name, scalar) -> {
      try {
        scalars.add(Resource.Scalar.of(name, Resource.UNRESERVED, scalar.getValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "." + name + ": " + e.getMessage(), e);
      }
    });
    return Resources.of(scalars);
  }

  /** From the allocator's {@code "weights": {role: w}}. */
  static List<WeightInfo> weightInfos(JsonObject weights) {
    List<WeightInfo> infos = new ArrayList<>();
    for (String role : weights.fieldNames()) {
      infos.add(WeightInfo.newBuilder().setRole(role).setWeight(weights.getDouble(role)).build());
    }
    return infos;
  }

  /**
   * From the allocator's {@code "quotas": {role: {"guarantee": {..}, "limit": {..}}}}: {@code
   * configs} as Mesos 1.9+ answers, and the deprecated guarantee-only {@code infos} for older
   * tools.
   */
  static QuotaStatus status(JsonObject quotas) {
    QuotaStatus.Builder status = QuotaStatus.newBuilder();
    for (String role : quotas.fieldNames()) {
      JsonObject quota = quotas.getJsonObject(role);
      JsonObject guarantee = quota.getJsonObject("guarantee", new JsonObject());
      JsonObject limit = quota.getJsonObject("limit", new JsonObject());
      QuotaConfig.Builder config = QuotaConfig.newBuilder().setRole(role);
      guarantee.forEach(e -> config.putGuarantees(e.getKey(), scalar(e.getValue())));
      limit.forEach(e -> config.putLimits(e.getKey(), scalar(e.getValue())));
      status.addConfigs(config);
      if (!guarantee.isEmpty()) {
        status.addInfos(QuotaInfo.newBuilder().setRole(role)
            .addAllGuarantee(ResourcesProto.toProto(quantities(guarantee))));
      }
    }
    return status.build();
  }

  static Resources quantities(JsonObject json) {
    List<Resource> scalars = new ArrayList<>();
    json.forEach(e -> scalars.add(Resource.Scalar.of(e.getKey(), Resource.UNRESERVED,
        ((Number) e.getValue()).doubleValue())));
    return Resources.of(scalars);
  }

  private static Value.Scalar scalar(Object number) {
    return Value.Scalar.newBuilder().setValue(((Number) number).doubleValue()).build();
  }
}
