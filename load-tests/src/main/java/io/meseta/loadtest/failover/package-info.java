/**
 * Issue 5's failover evidence: {@code load-tests/run failover} runs scenario 1 (kill -9 of the
 * leader of three forked clustered masters while a framework launches short tasks) repeatedly,
 * measures how soon a new leader serves and offers, counts what happened to every task, and
 * writes {@code load-tests/results/failover.md}.
 */
package io.meseta.loadtest.failover;
