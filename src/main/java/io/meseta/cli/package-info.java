/**
 * The command line (picocli): dev, master, agent, execute; settings from conf/meseta.yaml.
 */
package io.meseta.cli;
