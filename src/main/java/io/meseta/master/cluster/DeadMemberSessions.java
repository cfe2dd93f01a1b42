package io.meseta.master.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.CPGroup;
import com.hazelcast.cp.session.CPSession;
import com.hazelcast.cp.session.CPSessionManagementService;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the leader lock of a node the cluster has declared dead without waiting for its CP
 * session to expire: when Hazelcast's failure detector removes a member, the CP sessions that
 * member held in the default CP group (where {@link LeaderElection#LOCK} lives) are closed through
 * Hazelcast's own CP session management API, which releases the locks they held.
 *
 * <p>A killed process is detected within a fraction of a second on loopback (its port refuses
 * connections), so this cuts the failover from about the session TTL to well under a second. It is
 * safe because closing a session is itself a CP (majority) operation, a member is only removed
 * after {@code hazelcast.max.no.heartbeat.seconds} of silence when it is merely unreachable (longer
 * than the leader's lease margin, so a partitioned leader has already stopped writing), and the
 * state store refuses the old epoch whatever happens.
 */
final class DeadMemberSessions implements MembershipListener {
  private static final Logger LOG = LoggerFactory.getLogger(DeadMemberSessions.class);

  private final CPSessionManagementService sessions;
  private final HazelcastInstance hazelcast;

  private DeadMemberSessions(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.sessions = hazelcast.getCPSubsystem().getCPSessionManagementService();
  }

  /** Starts watching; returns the registration to pass to {@link #stop}. */
  static UUID watch(HazelcastInstance hazelcast) {
    return hazelcast.getCluster().addMembershipListener(new DeadMemberSessions(hazelcast));
  }

  static void stop(HazelcastInstance hazelcast, UUID registration) {
    if (hazelcast.getLifecycleService().isRunning()) {
      hazelcast.getCluster().removeMembershipListener(registration);
    }
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    // Nothing to free.
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    Address gone = event.getMember().getAddress();
    sessions.getAllSessions(CPGroup.DEFAULT_GROUP_NAME).whenComplete((all, failure) -> {
      if (failure != null) {
        LOG.debug("sessions of departed member {} left to expire: {}", gone, failure.toString());
        return;
      }
      for (CPSession session : all) {
        if (session.endpointType() == CPSession.CPSessionOwnerType.SERVER
            && session.endpoint().equals(gone) && !isMemberAt(gone)) {
          sessions.forceCloseSession(CPGroup.DEFAULT_GROUP_NAME, session.id())
              .thenAccept(closed -> {
                if (closed) {
                  LOG.info("closed CP session {} of departed member {}", session.id(), gone);
                }
              });
        }
      }
    });
  }

  /** A node restarted on the same address must keep its new session. */
  private boolean isMemberAt(Address address) {
    return hazelcast.getCluster().getMembers().stream()
        .anyMatch(member -> member.getAddress().equals(address));
  }
}
