/**
 * The state store port (DESIGN.md §4): named maps of JSON documents that the leader writes
 * through and any node reads. Writes carry the writer's leader epoch; a store refuses a write
 * whose epoch is older than one it has seen, so a deposed leader cannot overwrite a newer one.
 * {@link io.meseta.master.state.MemoryStateStore} serves a single node; a Hazelcast adapter
 * serves a cluster.
 */
package io.meseta.master.state;
