package io.meseta.master.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.cp.CPGroup;
import com.hazelcast.cp.CPMember;
import com.hazelcast.cp.CPSubsystemManagementService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a restarted master node (or one that was cut off too long) back into the CP subsystem.
 * CP state lives in memory, so a node that was killed cannot come back as the CP member it was:
 * Hazelcast removes the missing member after {@code missing-cp-member-auto-removal-seconds} and
 * does not promote anyone in its place. Without this, every failover would shrink the CP groups
 * until a second failure costs their majority and no leader can be elected any more. So a node
 * that is not a CP member once the CP subsystem has formed promotes itself, retrying until
 * Hazelcast accepts (it refuses while the member it replaces is still listed).
 */
final class CpMembership {
  private static final Logger LOG = LoggerFactory.getLogger(CpMembership.class);
  private static final long RETRY_MILLIS = 1000;
  /** A promotion not done by then is asked again (it completes at most once). */
  private static final long PROMOTE_TIMEOUT_MILLIS = 3000;

  private final HazelcastInstance hazelcast;
  private final CPSubsystemManagementService management;
  private volatile boolean seated;

  CpMembership(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.management = hazelcast.getCPSubsystem().getCPSubsystemManagementService();
  }

  /**
   * True once this member holds a seat in both CP groups that leadership needs (METADATA, and the
   * default group holding the lock). Only then does the cluster survive the loss of another
   * node: a member merely promoted may still be catching up on the groups' logs.
   */
  boolean seated() {
    return seated;
  }

  /**
   * Keeps this member in the CP subsystem until {@code stopped}: promotes it whenever it is not a
   * CP member (after a restart, or after it was away longer than the auto-removal delay).
   */
  void keepJoined(BooleanSupplier stopped) {
    if (hazelcast.getConfig().getCPSubsystemConfig().getCPMemberCount() == 0) {
      return;
    }
    try {
      while (!stopped.getAsBoolean()) {
        if (!management.isDiscoveryCompleted()) {
          // The CP subsystem is still forming: this member takes part in that, if it is needed.
          management.awaitUntilDiscoveryCompleted(RETRY_MILLIS, TimeUnit.MILLISECONDS);
          continue;
        }
        CPMember local = hazelcast.getCPSubsystem().getLocalCPMember();
        if (local == null && promote()) {
          LOG.info("promoted to CP member in place of a missing one");
        }
        boolean nowSeated = local != null
            && inGroup(CPGroup.METADATA_CP_GROUP_NAME, local)
            && inGroup(CPGroup.DEFAULT_GROUP_NAME, local);
        if (nowSeated && !seated) {
          LOG.info("seated in the CP groups; the cluster again tolerates the loss of a node");
        }
        seated = nowSeated;
        Thread.sleep(RETRY_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (HazelcastInstanceNotActiveException e) {
      LOG.debug("member stopped; CP membership no longer kept");
    }
    seated = false;
  }

  private boolean inGroup(String name, CPMember local) throws InterruptedException {
    try {
      CPGroup group = management.getCPGroup(name).toCompletableFuture()
          .get(PROMOTE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return group != null && group.status() == CPGroup.CPGroupStatus.ACTIVE
          && group.members().contains(local);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return false;
    }
  }

  private boolean promote() throws InterruptedException {
    try {
      management.promoteToCPMember().toCompletableFuture()
          .get(PROMOTE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      LOG.debug("not promoted to CP member yet: {}", e.toString());
      return false;
    }
  }
}
