package io.meseta.master.allocation;

import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.Offer;
import io.meseta.master.bus.Messages;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * A framework's roles as the allocator takes them: a MULTI_ROLE framework is offered resources
 * in each of its {@code roles}, any other in its one role.
 */
final class FrameworkRoles {
  private FrameworkRoles() {}

  static boolean multiRole(FrameworkInfo info) {
    return info != null && info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
  }

  static List<String> roles(Messages.FrameworkAdded facts) {
    return multiRole(facts.info()) ? facts.info().getRolesList() : List.of(facts.role());
  }

  /**
   * Adds a new framework, or, for one the allocator knows (re-subscribe, UPDATE_FRAMEWORK), sets
   * its roles; returns the offers rescinded because their role was removed.
   */
  static List<Offer> addOrUpdate(Allocator allocator, Messages.FrameworkAdded facts) {
    List<Offer> rescinded = List.of();
    if (allocator.roles(facts.frameworkId()).isEmpty()) {
      allocator.addFramework(facts.frameworkId(), roles(facts), multiRole(facts.info()));
    } else {
      rescinded = allocator.updateRoles(facts.frameworkId(), roles(facts));
    }
    // Before any allocation run: the caller schedules the next one after this message.
    if (!facts.suppressedRoles().isEmpty()) {
      allocator.suppress(facts.frameworkId(), facts.suppressedRoles());
    }
    return rescinded;
  }
}
