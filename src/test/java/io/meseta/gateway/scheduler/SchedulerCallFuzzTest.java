package io.meseta.gateway.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.gateway.security.InputLimits;
import io.meseta.gateway.security.JsonMutator;
import io.meseta.gateway.security.SchedulerCallLimits;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Random and mutated input to the scheduler call decoder of both transports (depth check, JSON
 * codec, Mesos validation, input limits): whatever arrives, the outcome is a call or a clean
 * rejection with a message (an IllegalArgumentException, answered 400 or an ERROR event), never
 * another exception, a stack overflow or a hang. The decoder is pure, so nothing else changes.
 */
class SchedulerCallFuzzTest {
  private static final SchedulerCallLimits LIMITS = new SchedulerCallLimits(InputLimits.defaults());

  @Property(tries = 3000)
  void mutatedCallsAreDecodedOrCleanlyRejected(@ForAll("seeds") String seed,
      @ForAll long randomness, @ForAll @IntRange(min = 1, max = 12) int mutations) {
    decodeOrReject(JsonMutator.mutate(seed, new Random(randomness), mutations));
  }

  @Property(tries = 2000)
  void arbitraryTextIsDecodedOrCleanlyRejected(@ForAll String text) {
    decodeOrReject(text);
  }

  @Property(tries = 200)
  void deepNestingNeverReachesTheDecoder(@ForAll @IntRange(min = 0, max = 20_000) int depth,
      @ForAll boolean objects) {
    String open = objects ? "{\"a\":" : "[";
    String close = objects ? "}" : "]";
    decodeOrReject("{\"type\":\"SUBSCRIBE\",\"x\":" + open.repeat(depth) + "1"
        + close.repeat(depth) + "}");
  }

  @Provide
  Arbitrary<String> seeds() {
    return Arbitraries.of(JsonMutator.SCHEDULER_CALLS);
  }

  private static void decodeOrReject(String text) {
    Call call;
    try {
      call = LIMITS.parseJson(text, Call.getDefaultInstance());
    } catch (IllegalArgumentException rejected) {
      assertThat(rejected.getMessage()).as("a rejection says why").isNotBlank();
      return;
    }
    // A decoded call is judged without failing: each check answers a problem or nothing.
    SchedulerCalls.invalid(call).ifPresent(p -> assertThat(p).isNotBlank());
    LIMITS.problem(call).ifPresent(p -> assertThat(p).isNotBlank());
  }
}
