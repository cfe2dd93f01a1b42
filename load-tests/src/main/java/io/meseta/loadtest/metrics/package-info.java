/** What a scenario measures: HdrHistogram latencies, counters, and CPU and heap of the master. */
package io.meseta.loadtest.metrics;
