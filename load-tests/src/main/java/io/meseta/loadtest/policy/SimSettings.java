package io.meseta.loadtest.policy;

import io.meseta.core.placement.Scorer;
import io.meseta.jobs.QueuePolicy;
import java.time.Duration;

/**
 * One simulated run's knobs. The job-service ones copy {@code JobServiceVerticle}: a placement round on
 * every allocation (1 s), unused offers held 1 s while a job waits, then declined with a 1 s filter;
 * leftovers of an accept refused 1 s; 30 s and SUPPRESS when nothing is pending.
 *
 * @param lookahead at most this many pending jobs, in policy order, go to one planning round (0: all)
 * @param shortcut plan with {@link SimRound#planShortcut} (same placements, faster) rather than one
 *     {@code JobPlanner.plan} call per round
 * @param preemption whether the preemption planner runs (meaningful with the priority policy)
 * @param preemptionEvery how often (simulated) the preemption planner is asked
 * @param preemptionDemands at most this many unplaced jobs, in queue order, are its demands each time
 * @param minPriorityGap a victim's priority must be at least this much below the demand's
 * @param fragmentationEvery how often (simulated) fragmentation is sampled while jobs wait
 */
record SimSettings(
    QueuePolicy policy,
    Scorer scorer,
    double agingPerMinute,
    int lookahead,
    boolean shortcut,
    boolean preemption,
    Duration preemptionEvery,
    int preemptionDemands,
    int minPriorityGap,
    Duration fragmentationEvery) {

  static final Duration ALLOCATION_INTERVAL = Duration.ofSeconds(1);
  static final Duration OFFER_HOLD = Duration.ofSeconds(1);
  static final Duration SHORT_REFUSE = Duration.ofSeconds(1);
  static final Duration IDLE_REFUSE = Duration.ofSeconds(30);
}
