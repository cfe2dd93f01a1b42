package io.meseta.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The driver's small parts: master addresses, backoff, options. */
class SupportTest {
  @Test
  void masterAddressesParse() {
    assertThat(MasterAddress.parse("master1:5050")).isEqualTo(new MasterAddress("master1", 5050));
    assertThat(MasterAddress.parse("[::1]:5050")).isEqualTo(new MasterAddress("::1", 5050));
    assertThat(MasterAddress.parse("[::1]:5050").toString()).isEqualTo("[::1]:5050");
    assertThatThrownBy(() -> MasterAddress.parse("master1"))
        .hasMessage("master address must be \"host:port\", e.g. \"127.0.0.1:5050\", got \"master1\"");
    assertThatThrownBy(() -> MasterAddress.parse("master1:http"))
        .hasMessage("master address \"master1:http\" needs a port between 1 and 65535");
  }

  @Test
  void backoffGrowsFromAbout200MillisAndIsCapped() {
    Backoff backoff = new Backoff(Duration.ofSeconds(10), new Random(42));

    for (int i = 0; i < 100; i++) {
      assertThat(backoff.delayMillis(0)).isBetween(100L, 200L);
      assertThat(backoff.delayMillis(3)).isBetween(800L, 1600L);
      assertThat(backoff.delayMillis(10)).isBetween(5000L, 10_000L);
      assertThat(backoff.delayMillis(1000)).isBetween(5000L, 10_000L);
    }
  }

  @Test
  void defaultsFollowMesosSchedulerGuidance() {
    DriverOptions defaults = DriverOptions.defaults();

    assertThat(defaults.autoAcknowledge()).isTrue();
    assertThat(defaults.reconnect()).isTrue();
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(75));
    assertThatThrownBy(() -> defaults.withHeartbeatTimeout(Duration.ZERO))
        .hasMessage("heartbeatTimeout must be positive, got PT0S");
  }
}
