/**
 * The built-in job service: a framework inside the master for users who just submit jobs over
 * REST or {@code meseta jobs}. The pure parts ({@link io.meseta.jobs.JobSpec},
 * {@link io.meseta.jobs.Job}, {@link io.meseta.jobs.QueuePolicy}, {@link io.meseta.jobs.JobQueues},
 * {@link io.meseta.jobs.JobPlanner}) take time as a parameter and use the placement core; the
 * verticle and the routes are the thin Vert.x adapters around them.
 */
package io.meseta.jobs;
