package io.meseta.master.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.cp.CPSubsystemConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.cp.lock.FencedLock;
import io.meseta.gateway.scheduler.Leadership;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on Hazelcast's CP subsystem: the node that holds the CP {@link FencedLock}
 * {@value #LOCK} leads, and the lock's fence is its leader epoch (strictly greater for each new
 * holder, so the state store can refuse a deposed leader's writes).
 *
 * <p>A FencedLock is owned by a thread of a CP session, so one dedicated daemon thread campaigns,
 * holds the lock and confirms its ownership every {@link Timing#checkInterval()}. Each successful
 * confirmation extends a local lease ({@link System#nanoTime()}, immune to wall-clock jumps) by
 * {@link Timing#leaseMargin()}, shorter than the CP session TTL: a leader that was paused (GC,
 * SIGSTOP) longer than that sees {@link #leaseValid()} false on resume, before any check, and a
 * watchdog on the caller's context deposes it even when the check thread is stuck in a call.
 *
 * <p>The thread campaigns with {@code tryLockAndGetFence} bounded by the check interval rather
 * than an unbounded {@code lockAndGetFence}, so that {@link #close} ends it promptly. Alongside,
 * {@link DeadMemberSessions} frees a dead leader's lock as soon as the cluster drops its member,
 * and {@link CpMembership} brings a restarted node back into the CP groups.
 *
 * <p>Callbacks run on the caller's Vert.x context, in order: every {@code onElected} is followed
 * by exactly one {@code onDeposed} before the next {@code onElected}.
 */
public final class LeaderElection {
  /** The CP lock whose holder leads. */
  public static final String LOCK = "meseta-leader";
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  /** What the leader-only part of a node does on a change of leadership. */
  public interface Listener {
    /** This node leads from now on; {@code epoch} stamps all its state writes. */
    void onElected(long epoch);

    /** This node no longer leads: stop leader-only work and never write with the old epoch. */
    void onDeposed();
  }

  /**
   * How often the leader confirms its lock, and how long a confirmation keeps the lease valid.
   */
  public record Timing(Duration checkInterval, Duration leaseMargin) {
    /**
     * From the CP session settings: the lease lasts one session heartbeat less than the session
     * TTL (the CP group keeps the session at least that long after the last confirmation), and it
     * is confirmed four times within that margin so one slow check does not lapse it.
     */
    public static Timing from(Config config) {
      CPSubsystemConfig cp = config.getCPSubsystemConfig();
      long margin = TimeUnit.SECONDS.toMillis(
          cp.getSessionTimeToLiveSeconds() - cp.getSessionHeartbeatIntervalSeconds());
      margin = Math.max(500, margin);
      return new Timing(Duration.ofMillis(margin / 4), Duration.ofMillis(margin));
    }
  }

  private final FencedLock lock;
  private final LeaderDirectory directory;
  private final CpMembership cpMembership;
  private final Context context;
  private final Listener listener;
  private final Timing timing;
  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final String hostname;
  private final int port;
  private final Promise<Void> stopped = Promise.promise();
  private final long timerId;
  private volatile boolean closed;
  /** The epoch this node leads with, 0 when it does not lead. Guarded by {@code this}. */
  private volatile long leadingEpoch;
  private volatile long confirmedAtNanos;

  private LeaderElection(HazelcastInstance hazelcast, Context context, String nodeId,
      String hostname, int port, Listener listener, Timing timing) {
    this.hazelcast = hazelcast;
    this.lock = hazelcast.getCPSubsystem().getLock(LOCK);
    this.directory = new LeaderDirectory(hazelcast);
    this.cpMembership = new CpMembership(hazelcast);
    this.context = context;
    this.listener = listener;
    this.timing = timing;
    this.nodeId = nodeId;
    this.hostname = hostname;
    this.port = port;
    this.timerId = context.owner().setPeriodic(timing.checkInterval().toMillis(), id -> watchdog());
  }

  /**
   * Starts campaigning on a daemon thread. {@code nodeId}, {@code hostname} and {@code port} are
   * what other nodes are told when this node leads. Callbacks run on {@code context}.
   */
  public static LeaderElection start(HazelcastInstance hazelcast, Context context, String nodeId,
      String hostname, int port, Listener listener, Timing timing) {
    LeaderElection election =
        new LeaderElection(hazelcast, context, nodeId, hostname, port, listener, timing);
    Thread thread = new Thread(election::run, "meseta-leader-election");
    thread.setDaemon(true);
    thread.start();
    // Apart from the campaign: a node uses the lock whether or not it is a CP member itself.
    Thread membership = new Thread(
        () -> election.cpMembership.keepJoined(() -> election.closed), "meseta-cp-membership");
    membership.setDaemon(true);
    membership.start();
    return election;
  }

  /** True while this node leads and its last confirmation is younger than the lease margin. */
  public boolean leaseValid() {
    return leadingEpoch != 0
        && System.nanoTime() - confirmedAtNanos < timing.leaseMargin().toNanos();
  }

  /** The epoch this node leads with, if it leads. */
  public Optional<Long> epoch() {
    long epoch = leadingEpoch;
    return epoch == 0 ? Optional.empty() : Optional.of(epoch);
  }

  /**
   * Whether this node has a seat in the CP groups that elect the leader (checked every second).
   * After a restart it gets one only once the CP member it replaces was removed and it caught up,
   * so a test or an operator should wait for this on every node before failing another one.
   */
  public boolean isCpMember() {
    return cpMembership.seated();
  }

  /** The leader as every node sees it (this node included), when one is elected and present. */
  public Optional<LeaderAddress> currentLeader() {
    return directory.current();
  }

  /**
   * This node's leadership for the gateway: leading (or recovering until {@code recovered}),
   * following the published leader, or no leader.
   */
  public Leadership.Status status(boolean recovered) {
    if (leaseValid()) {
      return recovered ? Leadership.Status.LEADING : new Leadership.Recovering();
    }
    return currentLeader()
        .filter(leader -> !leader.nodeId().equals(nodeId))
        .<Leadership.Status>map(leader ->
            new Leadership.Following(leader.hostname(), leader.port()))
        .orElseGet(Leadership.NoLeader::new);
  }

  /** Stops campaigning and releases the lock if held; completes when the thread has ended. */
  public Future<Void> close() {
    closed = true;
    context.owner().cancelTimer(timerId);
    return stopped.future();
  }

  private void run() {
    UUID deadMemberWatch = null;
    try {
      deadMemberWatch = DeadMemberSessions.watch(hazelcast);
      directory.start();
      while (!closed) {
        campaign();
      }
    } catch (HazelcastInstanceNotActiveException e) {
      LOG.info("Hazelcast member stopped; leader election ends");
    } finally {
      depose();
      release();
      directory.stop();
      if (deadMemberWatch != null) {
        DeadMemberSessions.stop(hazelcast, deadMemberWatch);
      }
      stopped.tryComplete();
    }
  }

  /**
   * One attempt: waits a check interval for the lock (not longer, so that {@link #close} is seen
   * soon), and leads while it holds it.
   */
  private void campaign() {
    long fence;
    try {
      fence = lock.tryLockAndGetFence(timing.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    } catch (HazelcastInstanceNotActiveException e) {
      throw e;
    } catch (RuntimeException e) {
      // E.g. LockOwnershipLostException once after a lost session, or a CP group changing its
      // members: the next attempt starts afresh.
      LOG.warn("leader election attempt failed, retrying: {}", e.toString());
      pause();
      return;
    }
    if (fence != FencedLock.INVALID_FENCE) {
      lead(fence);
    }
  }

  /** Holds the lock while confirmations succeed; returns once deposed (lock released). */
  private void lead(long fence) {
    if (confirm(fence)) {
      directory.publish(new LeaderAddress(nodeId, hostname, port, fence,
          hazelcast.getCluster().getLocalMember().getUuid()));
      elect(fence);
      LOG.info("elected leader with epoch {}", fence);
      while (!closed && leadingEpoch == fence && pause() && confirm(fence)) {
        // Each pass extended the lease; the loop ends on loss, watchdog deposition or close.
      }
      depose();
    }
    release();
  }

  /** Asks the CP group whether this thread still holds the lock with {@code fence}. */
  private boolean confirm(long fence) {
    long askedAt = System.nanoTime();
    try {
      if (lock.getFence() == fence) {
        confirmedAtNanos = askedAt;
        return true;
      }
      LOG.warn("leader lock now has another fence than epoch {}; stepping down", fence);
    } catch (HazelcastInstanceNotActiveException e) {
      throw e;
    } catch (RuntimeException e) {
      // LockOwnershipLostException (session expired), IllegalMonitorStateException (not held),
      // or a CP group that cannot answer: in every case this node cannot prove it leads.
      LOG.warn("leader epoch {} lost: {}", fence, e.toString());
    }
    return false;
  }

  private boolean pause() {
    try {
      Thread.sleep(timing.checkInterval().toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void release() {
    try {
      if (lock.isLockedByCurrentThread()) {
        lock.unlock();
      }
    } catch (RuntimeException e) {
      // The session is gone or the member stopped: the lock is no longer ours anyway.
      LOG.debug("leader lock release skipped: {}", e.toString());
    }
  }

  /**
   * Gives up leadership now (e.g. this node could not take over its state): {@code onDeposed}
   * follows, the lock is released, and the node campaigns again like any other.
   */
  public void resign() {
    depose();
  }

  /** Deposes this node when its lease lapsed while the check thread is stuck in a call. */
  private void watchdog() {
    if (leadingEpoch != 0 && !leaseValid()) {
      LOG.warn("leader lease of epoch {} lapsed without a confirmation; stepping down",
          leadingEpoch);
      depose();
    }
  }

  private synchronized void elect(long fence) {
    leadingEpoch = fence;
    notify(() -> listener.onElected(fence));
  }

  private synchronized void depose() {
    if (leadingEpoch != 0) {
      leadingEpoch = 0;
      notify(listener::onDeposed);
    }
  }

  private void notify(Runnable callback) {
    try {
      context.runOnContext(v -> callback.run());
    } catch (RejectedExecutionException e) {
      // The caller's Vert.x is closed: nobody is left to tell.
      LOG.debug("leadership change not delivered, Vert.x is closed");
    }
  }
}
