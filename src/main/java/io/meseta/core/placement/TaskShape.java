package io.meseta.core.placement;

import io.meseta.core.resources.Resources;
import java.util.List;

/** What one task needs: resources and hard constraints. */
public record TaskShape(Resources resources, List<Constraint> constraints)
    implements java.io.Serializable {
  public TaskShape {
    constraints = List.copyOf(constraints);
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("a task must ask for some resources, e.g. cpus:0.1");
    }
  }

  public static TaskShape of(String resources) {
    return new TaskShape(Resources.parse(resources), List.of());
  }
}
