package io.meseta.loadtest.policy;

import io.meseta.core.placement.Scorer;
import io.meseta.jobs.QueuePolicy;

/**
 * What one simulated run measured. Times are simulated seconds; wait = first task RUNNING minus
 * submission; utilisation = cpus (mem) held by running tasks, integrated over the makespan, over the
 * cluster's; fragmentation = {@code Fragmentation.measure}'s fragmented share of free cpus (mem),
 * averaged over the samples taken while jobs were pending.
 *
 * @param cpuUtilisationWhileWaiting cpu utilisation over the {@code backlogSeconds} when jobs were pending
 *
 * @param preemptionPlans plans made by the preemption planner (one per demand it found room for)
 * @param preemptedTasks tasks killed by those plans, gang mates included
 * @param wallMillis real time the run took
 */
record SimResult(
    QueuePolicy policy,
    Scorer scorer,
    int jobs,
    int finished,
    int failed,
    double makespanSeconds,
    double meanWaitSeconds,
    double p95WaitSeconds,
    double meanWaitShortSeconds,
    double cpuUtilisation,
    double memUtilisation,
    double cpuUtilisationWhileWaiting,
    double backlogSeconds,
    double fragmentedCpus,
    double fragmentedMem,
    int fragmentationSamples,
    int preemptionPlans,
    int preemptedTasks,
    long rounds,
    long wallMillis) {}
