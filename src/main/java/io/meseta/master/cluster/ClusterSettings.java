package io.meseta.master.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.YamlConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the Hazelcast member configuration of a clustered master from its YAML file (Hazelcast's
 * own format, see {@code conf/hazelcast.yaml}) and applies the overrides that let several clusters
 * share a machine: the cluster name and the member ports.
 */
public final class ClusterSettings {
  /** System property that replaces the file's cluster name. */
  public static final String CLUSTER_NAME_PROPERTY = "meseta.cluster.name";
  /** System property that moves the member ports (and the join list) to start at this port. */
  public static final String PORT_PROPERTY = "meseta.cluster.port";

  private ClusterSettings() {}

  /**
   * Reads {@code file} and applies the {@value #CLUSTER_NAME_PROPERTY} and {@value
   * #PORT_PROPERTY} system properties when set.
   *
   * @throws IllegalArgumentException naming the file when it is missing or not a valid config
   */
  public static Config load(Path file) {
    Config config = read(file);
    String name = System.getProperty(CLUSTER_NAME_PROPERTY);
    if (name != null && !name.isBlank()) {
      config.setClusterName(name);
    }
    String port = System.getProperty(PORT_PROPERTY);
    if (port != null && !port.isBlank()) {
      withMemberPorts(config, parsePort(port));
    }
    return config;
  }

  /** Reads {@code file}, then sets the cluster name and the first member port (for tests). */
  public static Config load(Path file, String clusterName, int firstPort) {
    return withMemberPorts(read(file).setClusterName(clusterName), firstPort);
  }

  /**
   * Members bind {@code firstPort} (or the next free one of the configured port count) on
   * 127.0.0.1 and look for each other on exactly those ports.
   */
  public static Config withMemberPorts(Config config, int firstPort) {
    NetworkConfig network = config.getNetworkConfig();
    int count = Math.max(1, network.getPortCount());
    network.setPort(firstPort).setPortAutoIncrement(true);
    List<String> members = new ArrayList<>();
    for (int port = firstPort; port < firstPort + count; port++) {
      members.add("127.0.0.1:" + port);
    }
    network.getJoin().getTcpIpConfig().setMembers(members);
    return config;
  }

  private static Config read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new YamlConfigBuilder(in).build();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("Hazelcast configuration " + file.toAbsolutePath()
          + " does not exist; pass --cluster with the path of a hazelcast.yaml (see"
          + " conf/hazelcast.yaml)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read Hazelcast configuration "
          + file.toAbsolutePath() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Hazelcast's YAML builder reports a malformed file or a bad value as a runtime exception.
      throw new IllegalArgumentException("Hazelcast configuration " + file.toAbsolutePath()
          + " is invalid: " + e.getMessage() + "; compare it with conf/hazelcast.yaml", e);
    }
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException(
        "-D" + PORT_PROPERTY + "=" + text + " is not a port; give a number from 1 to 65535");
  }
}
