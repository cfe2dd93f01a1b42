/**
 * High availability on Hazelcast (DESIGN.md §4): the cluster configuration and a clustered Vert.x
 * ({@link io.meseta.master.cluster.ClusterSettings}, {@link io.meseta.master.cluster.ClusterNode}),
 * leader election on a CP {@code FencedLock} whose fence is the leader epoch
 * ({@link io.meseta.master.cluster.LeaderElection}) and the replicated, fenced state store
 * ({@link io.meseta.master.cluster.HazelcastStateStore}). Depends on Hazelcast, Vert.x and the
 * master's ports; nothing in the core depends on it.
 */
package io.meseta.master.cluster;
