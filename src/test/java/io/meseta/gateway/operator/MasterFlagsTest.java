package io.meseta.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MasterFlagsTest {
  @Test
  void durationsPrintAsStoutDoes() {
    assertThat(MasterFlags.duration(Duration.ofSeconds(1))).isEqualTo("1secs");
    assertThat(MasterFlags.duration(Duration.ofMillis(100))).isEqualTo("100ms");
    assertThat(MasterFlags.duration(Duration.ofMillis(1500))).isEqualTo("1.5secs");
    assertThat(MasterFlags.duration(Duration.ofMinutes(10))).isEqualTo("10mins");
    assertThat(MasterFlags.duration(Duration.ofDays(14))).isEqualTo("2weeks");
  }
}
