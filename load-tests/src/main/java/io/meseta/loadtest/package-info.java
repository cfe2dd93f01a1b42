/**
 * The load harness: {@link io.meseta.loadtest.LoadTestMain} runs scenarios (simulated agents and frameworks
 * over the real protocols against a real master), the JMH benchmarks, and the Fenzo side-by-side. Test scope
 * only: nothing in src/main depends on it.
 */
package io.meseta.loadtest;
