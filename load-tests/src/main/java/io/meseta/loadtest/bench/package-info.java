/**
 * JMH micro-benchmarks of the pure core (allocator run, resources arithmetic, JSON codec) and the Fenzo
 * side-by-side placement workload.
 */
package io.meseta.loadtest.bench;
