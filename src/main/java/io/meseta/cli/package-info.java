/**
 * The command line (picocli): dev, master, agent, execute; the cluster views agents,
 * frameworks, tasks, roles and state; settings from conf/meseta.yaml.
 */
package io.meseta.cli;
