package io.meseta.gateway.scheduler;

/**
 * Whether this master node may serve the scheduler API, asked on every request so that a
 * clustered master can plug in its election. A single node always leads.
 */
@FunctionalInterface
public interface Leadership {
  Status status();

  /**
   * The master nodes of the cluster (for {@code /master/state}); empty for a single node, which
   * lists itself.
   */
  default java.util.List<MasterNode> masterNodes() {
    return java.util.List.of();
  }

  /** A master node as it advertises itself: its master id, hostname and HTTP port. */
  record MasterNode(String id, String hostname, int port) {}

  /** The leadership of a master that is the only node: it always leads. */
  static Leadership singleNode() {
    return () -> Status.LEADING;
  }

  /** Where the leader is, from this node's point of view. */
  sealed interface Status permits Leading, Following, NoLeader, Recovering {
    Status LEADING = new Leading();
  }

  /** This node leads and has recovered its state. */
  record Leading() implements Status {}

  /** Another node leads; requests are redirected (307) there. */
  record Following(String hostname, int port) implements Status {}

  /** No leader is elected: 503 "No leader elected". */
  record NoLeader() implements Status {}

  /** This node leads but is still loading its state: 503. */
  record Recovering() implements Status {}
}
