package io.meseta.gateway.operator;

import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import io.meseta.protocol.StateJson;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.StringJoiner;
import org.apache.mesos.v1.Protos;

/**
 * Mesos' v0 flattened resource maps ({@code {"cpus":2.0,"ports":"[31000-31100]"}}) back to
 * {@link Resources}, so they can be added up or printed as v1 {@code Resource} messages.
 * Meseta's state answers carry unreserved resources only, which is all a flat map can say.
 */
final class FlatResources {
  static final JsonObject NONE = StateJson.flatResources(Resources.EMPTY);

  private FlatResources() {}

  static Resources parse(JsonObject flat) {
    if (flat == null) {
      return Resources.EMPTY;
    }
    StringJoiner text = new StringJoiner(";");
    for (String name : flat.fieldNames()) {
      Object value = flat.getValue(name);
      if (value instanceof Number n) {
        if (n.doubleValue() != 0) {
          text.add(name + ":" + BigDecimal.valueOf(n.doubleValue()).toPlainString());
        }
      } else if (value instanceof String s && !s.isBlank() && !s.equals("[]")
          && !s.equals("{}")) {
        text.add(name + ":" + s);
      }
    }
    return Resources.parse(text.toString());
  }

  static List<Protos.Resource> toProto(JsonObject flat) {
    return ResourcesProto.toProto(parse(flat));
  }

  static JsonObject plus(JsonObject a, JsonObject b) {
    return StateJson.flatResources(parse(a).plus(parse(b)));
  }
}
