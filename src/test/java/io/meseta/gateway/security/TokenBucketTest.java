package io.meseta.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenBucketTest {
  private static final long MS = 1_000_000L;

  /** Each case: rate, burst, and takes at given milliseconds; expected grants in order. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a full bucket grants its burst at once, then refuses",
            10, 3, new long[] {0, 0, 0, 0}, "YYYN"),
        Arguments.of("a token comes back after 1/rate",
            10, 1, new long[] {0, 50, 100, 101}, "YNYN"),
        Arguments.of("quiet time refills no more than the burst",
            1000, 2, new long[] {0, 0, 10_000, 10_000, 10_000}, "YYYYN"),
        Arguments.of("a steady sender at the rate is never refused",
            100, 1, new long[] {0, 10, 20, 30, 40}, "YYYYY"),
        Arguments.of("a clock that steps back refills nothing",
            10, 1, new long[] {1000, 0, 1000}, "YNN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void grants(String name, int rate, int burst, long[] atMillis, String expected) {
    TokenBucket bucket = new TokenBucket(rate, burst, atMillis[0] * MS);
    List<String> grants = new ArrayList<>();
    for (long at : atMillis) {
      grants.add(bucket.tryTake(at * MS) ? "Y" : "N");
    }
    assertThat(String.join("", grants)).isEqualTo(expected);
  }

  @Test
  void untilNextSaysHowLongTheNextTokenTakes() {
    TokenBucket bucket = new TokenBucket(4, 1, 0);
    assertThat(bucket.untilNext(0)).isEqualTo(Duration.ZERO);
    bucket.tryTake(0);
    assertThat(bucket.untilNext(0)).isEqualTo(Duration.ofMillis(250));
    assertThat(bucket.untilNext(100 * MS)).isEqualTo(Duration.ofMillis(150));
    assertThat(bucket.full(250 * MS)).isTrue();
  }

  @Test
  void aRateOrBurstBelowOneIsRefused() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).hasMessageContaining("positive rate");
    assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).hasMessageContaining("burst");
  }

  @Test
  void aKeyedLimiterCountsEachKeyApart() {
    long[] now = {0};
    KeyedRateLimiter limiter = new KeyedRateLimiter(1, 2, () -> now[0]);
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).contains(Duration.ofSeconds(1));
    assertThat(limiter.take("b")).isEmpty();
    now[0] = 1000 * MS;
    assertThat(limiter.take("a")).isEmpty();
  }
}
