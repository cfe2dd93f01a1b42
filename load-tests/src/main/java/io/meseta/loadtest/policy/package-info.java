/**
 * The policy simulation: the real {@link io.meseta.core.allocation.Allocator}, job planner, queue
 * policies, placement scorers and preemption planner driven by a discrete-event loop on a simulated
 * clock (no sockets, no Vert.x), replaying one seeded synthetic workload under every queue policy
 * and scorer, and writing the comparison table ({@code load-tests/run policies}).
 */
package io.meseta.loadtest.policy;
