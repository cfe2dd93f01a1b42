package io.meseta.master.frameworks;

import io.meseta.core.model.FrameworkId;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * One framework as the master knows it. Mutable, touched only on the frameworks verticle's
 * context. {@code connectionId} is null while the framework is disconnected.
 */
final class FrameworkSession {
  final FrameworkId id;
  FrameworkInfo info;
  String nodeId;
  String connectionId;
  /** The connection is a Mesos HTTP event stream (its id is the Mesos-Stream-Id). */
  boolean overHttp;
  final long registeredMillis;
  long unregisteredMillis;
  long failoverTimer = -1;

  FrameworkSession(FrameworkId id, FrameworkInfo info, long registeredMillis) {
    this.id = id;
    this.info = info;
    this.registeredMillis = registeredMillis;
  }

  boolean connected() {
    return connectionId != null;
  }

  String role() {
    if (info.getRolesCount() > 0) {
      return info.getRoles(0);
    }
    return info.hasRole() ? info.getRole() : "*";
  }

  boolean partitionAware() {
    return info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.PARTITION_AWARE);
  }
}
