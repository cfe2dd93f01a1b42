/**
 * Tests of the deployment files in {@code docker/}: the Dockerfile, the compose file, Prometheus'
 * and Grafana's configuration are parsed and checked against the real CLI, the repository's
 * files and a real master's {@code /metrics}, since no Docker engine runs where the tests run.
 */
package io.meseta.deploy;
