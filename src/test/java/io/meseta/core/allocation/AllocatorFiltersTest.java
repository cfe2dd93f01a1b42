package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.A1;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.NO_FILTER;
import static io.meseta.core.allocation.Fixtures.ONE_HOUR;
import static io.meseta.core.allocation.Fixtures.T0;
import static io.meseta.core.allocation.Fixtures.addAgent;
import static io.meseta.core.allocation.Fixtures.allocator;
import static io.meseta.core.allocation.Fixtures.at;
import static io.meseta.core.allocation.Fixtures.ids;
import static io.meseta.core.allocation.Fixtures.r;
import static io.meseta.core.allocation.Fixtures.who;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.OfferId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AllocatorFiltersTest {

  private final Allocator allocator = allocator();

  /** A alone on a1 (cpus:4 mem:4096), holding the offer of the whole agent. */
  private Offer offerToA() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    return allocator.allocate(T0).get(0);
  }

  static Stream<Arguments> lifetimes() {
    // interval 1 s, default refusal 5 s
    return Stream.of(
        Arguments.of("refuse 10 s lasts 10 s", Duration.ofSeconds(10), 9.999, 10.0),
        Arguments.of("refuse 0.2 s lasts one interval (MESOS-4302)", Duration.ofMillis(200), 0.999, 1.0),
        Arguments.of("negative refuse means the 5 s default", Duration.ofSeconds(-1), 4.999, 5.0),
        Arguments.of("refuse 1 h lasts 1 h", ONE_HOUR, 3599.999, 3600.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lifetimes")
  void a_declined_offer_comes_back_when_its_filter_expires(String name, Duration refuse, double stillFiltered, double expired) {
    Offer offer = offerToA();

    assertThat(allocator.decline(A, ids(offer), refuse, T0)).isEmpty();

    assertThat(allocator.allocate(T0)).isEmpty();
    assertThat(allocator.allocate(at(stillFiltered))).isEmpty();
    assertThat(allocator.allocate(at(expired))).singleElement()
        .extracting(Offer::resources).isEqualTo(offer.resources());
  }

  @Test
  void refusals_are_capped_at_a_year() {
    Offer offer = offerToA();
    allocator.decline(A, ids(offer), Duration.ofDays(1000), T0);
    assertThat(allocator.nextFilterExpiry()).contains(T0.plus(Duration.ofDays(365)));
    assertThat(allocator.allocate(T0.plus(Duration.ofDays(365)))).hasSize(1);
  }

  @Test
  void refuse_zero_installs_no_filter_and_the_next_run_offers_again() {
    Offer offer = offerToA();
    allocator.decline(A, ids(offer), NO_FILTER, T0);
    assertThat(allocator.nextFilterExpiry()).isEmpty();
    assertThat(allocator.allocate(T0)).singleElement()
        .extracting(Offer::resources).isEqualTo(offer.resources());
  }

  @Test
  void a_filter_blocks_only_subsets_of_what_was_refused() {
    allocator.addAgent(A1, r("cpus:8;mem:8192"), Map.of(B, r("cpus:4;mem:4096")));
    allocator.addFramework(A, "*");
    Offer offer = allocator.allocate(T0).get(0);
    assertThat(offer.resources()).isEqualTo(r("cpus:4;mem:4096"));
    allocator.decline(A, ids(offer), ONE_HOUR, T0);
    assertThat(allocator.allocate(at(1))).isEmpty();

    // B (not registered yet) frees part of what its tasks held: a1 now has more than A refused.
    allocator.recover(B, A1, r("cpus:1;mem:1024"), NO_FILTER, at(2));

    assertThat(allocator.allocate(at(2))).singleElement()
        .extracting(Offer::resources).isEqualTo(r("cpus:5;mem:5120"));
  }

  @Test
  void the_filter_is_skipped_in_drf_order_for_the_next_framework() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    addAgent(allocator, io.meseta.core.model.AgentId.of("a0"), "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    // total cpus:8
    // a0: A by id -> A = 0.5; a1: B (0) -> B = 0.5
    List<Offer> first = allocator.allocate(T0);
    assertThat(who(first)).containsExactly("a0->fw-a", "a1->fw-b");
    allocator.decline(B, ids(first.get(1)), ONE_HOUR, T0);
    // a1: B 0 (filtered) < A 0.5 -> skip B, A gets it; A = 1.0
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a");
  }

  @Test
  void revive_clears_every_filter_of_the_framework() {
    Offer offer = offerToA();
    allocator.decline(A, ids(offer), ONE_HOUR, T0);
    assertThat(allocator.allocate(at(1))).isEmpty();
    allocator.revive(A);
    assertThat(allocator.allocate(at(1))).hasSize(1);
    // The old filter's expiry is no longer due for anyone.
    assertThat(allocator.nextFilterExpiry()).isEmpty();
  }

  @Test
  void recovering_with_refuse_installs_a_filter_on_the_recovered_resources() {
    Offer offer = offerToA();
    allocator.accept(A, ids(offer));
    allocator.recover(A, A1, r("cpus:3;mem:3072"), ONE_HOUR, T0);
    assertThat(allocator.free(A1)).isEqualTo(r("cpus:3;mem:3072"));
    assertThat(allocator.allocate(at(1))).isEmpty();
    assertThat(allocator.allocate(at(3600))).hasSize(1);
  }

  @Test
  void suppress_stops_offers_until_revive() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.suppress(A);
    assertThat(allocator.allocate(T0)).isEmpty();
    allocator.revive(A);
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a");
  }

  @Test
  void a_suppressed_framework_is_passed_over_for_the_next_one() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    allocator.suppress(A);
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-b");
  }

  @Test
  void suppress_keeps_outstanding_offers() {
    Offer offer = offerToA();
    allocator.suppress(A);
    assertThat(allocator.offer(offer.id())).contains(offer);
  }

  @Test
  void decline_ignores_unknown_and_foreign_offers() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    Offer offer = allocator.allocate(T0).get(0);
    OfferId unknown = OfferId.of("nope");

    assertThat(allocator.decline(B, List.of(offer.id(), unknown), ONE_HOUR, T0)).containsExactly(offer.id(), unknown);
    assertThat(allocator.offer(offer.id())).contains(offer);
  }

  @Test
  void an_expired_filter_makes_its_agent_dirty_only_when_due() {
    Offer offer = offerToA();
    allocator.decline(A, ids(offer), Duration.ofSeconds(10), T0);
    allocator.allocate(T0);
    assertThat(allocator.hasDirtyAgents()).isFalse();
    Instant due = allocator.nextFilterExpiry().orElseThrow();
    assertThat(due).isEqualTo(at(10));
    assertThat(allocator.allocate(due.minusMillis(1))).isEmpty();
    assertThat(allocator.allocate(due)).hasSize(1);
    assertThat(allocator.nextFilterExpiry()).isEmpty();
  }
}
