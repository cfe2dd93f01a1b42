/**
 * The allocator core: decides which framework is offered which agent's free resources (weighted DRF by
 * default, behind {@link io.meseta.core.allocation.Sorter}), keeps refusal filters and claims (room made by
 * preemption, offered to the framework it was made for first), validates accepts and never over-commits
 * an agent.
 *
 * <p>Pure: depends only on {@code io.meseta.core.model}, {@code io.meseta.core.resources} and the JDK. It
 * sends nothing, reads no clock (time arrives as {@code Instant now}), starts no threads and is not
 * thread-safe: the master's AllocatorVerticle calls it from one context and carries out the offers and
 * rescinds it returns.
 */
package io.meseta.core.allocation;
