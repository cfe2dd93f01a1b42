/**
 * Framework sessions: subscribe, fail-over, failover timeout, teardown, event routing.
 */
package io.meseta.master.frameworks;
