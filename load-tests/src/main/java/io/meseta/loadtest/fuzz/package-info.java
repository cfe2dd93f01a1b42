/**
 * The fuzz campaign of issue 9 ({@code load-tests/run fuzz}): generated and mutated inputs sent to
 * every entry point of a real in-JVM master and its agents, with the master's health and the state
 * invariants checked after every batch.
 */
package io.meseta.loadtest.fuzz;
