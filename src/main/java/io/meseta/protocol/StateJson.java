package io.meseta.protocol;

import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;

/** Helpers for Mesos' v0 JSON (state.json): resources as flat maps. */
public final class StateJson {
  private StateJson() {}

  /**
   * Mesos' flattened resources: scalars as numbers, ranges as "[a-b, c-d]", sets as "{a, b}";
   * cpus, gpus, mem and disk are always present (0 when absent).
   */
  public static JsonObject flatResources(Resources resources) {
    JsonObject json = new JsonObject()
        .put("cpus", resources.scalar("cpus"))
        .put("gpus", resources.scalar("gpus"))
        .put("mem", resources.scalar("mem"))
        .put("disk", resources.scalar("disk"));
    for (Resource r : resources.entries()) {
      if (r instanceof Resource.Scalar s) {
        json.put(s.name(), resources.scalar(s.name()));
      } else if (r instanceof Resource.Ranges ranges) {
        json.put(r.name(), ranges.ranges().stream()
            .map(x -> x.begin() + "-" + x.end())
            .collect(Collectors.joining(", ", "[", "]")));
      } else if (r instanceof Resource.Set set) {
        json.put(r.name(), set.items().stream().collect(Collectors.joining(", ", "{", "}")));
      }
    }
    return json;
  }
}
