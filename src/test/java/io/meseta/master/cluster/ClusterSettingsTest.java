package io.meseta.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.cp.CPSubsystemConfig;
import com.hazelcast.config.cp.RaftAlgorithmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {
  @Test
  void theShippedFileServesThreeNodesOnLoopbackWithFastFailover() {
    Config config = ClusterSettings.load(TestMembers.SHIPPED_CONFIG);
    assertThat(config.getClusterName()).isEqualTo("meseta");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
    assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .containsExactly("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703");
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces())
        .containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
    assertThat(config.getProperty("hazelcast.graceful.shutdown.max.wait")).isEqualTo("10");

    CPSubsystemConfig cp = config.getCPSubsystemConfig();
    assertThat(cp.getCPMemberCount()).isEqualTo(3);
    assertThat(cp.getSessionHeartbeatIntervalSeconds()).isEqualTo(1);
    assertThat(cp.getSessionTimeToLiveSeconds()).isEqualTo(5);
    assertThat(cp.getMissingCPMemberAutoRemovalSeconds())
        .isGreaterThanOrEqualTo(cp.getSessionTimeToLiveSeconds());
    RaftAlgorithmConfig raft = cp.getRaftAlgorithmConfig();
    assertThat(raft.getLeaderHeartbeatPeriodInMillis()
        * raft.getMaxMissedLeaderHeartbeatCount()).isLessThanOrEqualTo(600);
    assertThat(config.getMapConfig("meseta.tasks").getBackupCount()).isEqualTo(1);

    // The lease lapses before the CP group could hand the lock to another node (session TTL),
    // yet outlasts a CP group electing a new Raft leader when a follower dies.
    LeaderElection.Timing timing = LeaderElection.Timing.from(config);
    assertThat(timing.leaseMargin()).isEqualTo(Duration.ofSeconds(4));
    assertThat(timing.checkInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void clusterNameAndPortsCanBeOverridden() {
    Config config = ClusterSettings.load(TestMembers.SHIPPED_CONFIG, "other", 6801);
    assertThat(config.getClusterName()).isEqualTo("other");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(6801);
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .containsExactly("127.0.0.1:6801", "127.0.0.1:6802", "127.0.0.1:6803");
  }

  @Test
  void systemPropertiesOverrideTheFile() {
    System.setProperty(ClusterSettings.CLUSTER_NAME_PROPERTY, "from-property");
    System.setProperty(ClusterSettings.PORT_PROPERTY, "7701");
    try {
      Config config = ClusterSettings.load(TestMembers.SHIPPED_CONFIG);
      assertThat(config.getClusterName()).isEqualTo("from-property");
      assertThat(config.getNetworkConfig().getPort()).isEqualTo(7701);
    } finally {
      System.clearProperty(ClusterSettings.CLUSTER_NAME_PROPERTY);
      System.clearProperty(ClusterSettings.PORT_PROPERTY);
    }
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ClusterSettings.load(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void anInvalidFileIsNamed(@TempDir Path dir) throws Exception {
    Path invalid = Files.writeString(dir.resolve("bad.yaml"),
        "hazelcast:\n  cp-subsystem:\n    cp-member-count: two\n");
    assertThatThrownBy(() -> ClusterSettings.load(invalid))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(invalid.toString())
        .hasMessageContaining("is invalid");
  }

  @Test
  void aBadPortPropertyIsExplained() {
    System.setProperty(ClusterSettings.PORT_PROPERTY, "high");
    try {
      assertThatThrownBy(() -> ClusterSettings.load(TestMembers.SHIPPED_CONFIG))
          .hasMessageContaining("-Dmeseta.cluster.port=high is not a port");
    } finally {
      System.clearProperty(ClusterSettings.PORT_PROPERTY);
    }
  }
}
