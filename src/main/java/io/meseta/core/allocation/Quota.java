package io.meseta.core.allocation;

import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;

/**
 * A role's quota (Mesos 1.9+): {@code guarantee} is what the role gets before anyone's fair
 * share (held back as headroom when the role doesn't use it), {@code limit} what it can never
 * exceed, offered or in use. Scalars only; an empty limit means unlimited.
 */
public record Quota(Resources guarantee, Resources limit) implements java.io.Serializable {
  public Quota {
    requireScalars(guarantee, "guarantee");
    requireScalars(limit, "limit");
    guarantee = guarantee.withoutRoles();
    limit = limit.withoutRoles();
    for (String name : guarantee.scalarNames()) {
      if (limit.scalarNames().contains(name) && limit.scalarMillis(name) < guarantee.scalarMillis(name)) {
        throw new IllegalArgumentException("quota guarantee of " + name + " (" + guarantee.scalar(name)
            + ") is above its limit (" + limit.scalar(name) + "): raise the limit or lower the guarantee");
      }
    }
  }

  public static Quota limit(Resources limit) {
    return new Quota(Resources.EMPTY, limit);
  }

  public static Quota guarantee(Resources guarantee) {
    return new Quota(guarantee, Resources.EMPTY);
  }

  private static void requireScalars(Resources resources, String what) {
    for (Resource r : resources.entries()) {
      if (!(r instanceof Resource.Scalar)) {
        throw new IllegalArgumentException("quota " + what + " may name scalar resources only"
            + " (cpus, mem, disk, gpus, …), not " + r.name());
      }
    }
  }
}
