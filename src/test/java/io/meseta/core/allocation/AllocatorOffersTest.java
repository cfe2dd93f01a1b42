package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.A1;
import static io.meseta.core.allocation.Fixtures.A2;
import static io.meseta.core.allocation.Fixtures.A3;
import static io.meseta.core.allocation.Fixtures.A4;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.C;
import static io.meseta.core.allocation.Fixtures.NO_FILTER;
import static io.meseta.core.allocation.Fixtures.T0;
import static io.meseta.core.allocation.Fixtures.addAgent;
import static io.meseta.core.allocation.Fixtures.allocator;
import static io.meseta.core.allocation.Fixtures.ids;
import static io.meseta.core.allocation.Fixtures.r;
import static io.meseta.core.allocation.Fixtures.who;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meseta.core.model.OfferId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AllocatorOffersTest {

  private final Allocator allocator = allocator();

  @Test
  void two_frameworks_share_equal_agents_alternately() {
    for (var agent : List.of(A1, A2, A3, A4)) {
      addAgent(allocator, agent, "cpus:4;mem:4096");
    }
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    // total cpus:16 mem:16384
    // a1: A 0, B 0, both never chosen -> A by id; A = 4/16 = 0.25
    // a2: B 0 < A 0.25 -> B; B = 0.25
    // a3: A 0.25 = B 0.25, both chosen once -> A by id; A = 0.5
    // a4: B 0.25 < A 0.5 -> B; B = 0.5
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a", "a2->fw-b", "a3->fw-a", "a4->fw-b");
    assertThat(allocator.dominantShare(A)).isCloseTo(0.5, within(1e-9));
    assertThat(allocator.dominantShare(B)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void three_frameworks_the_smallest_dominant_share_is_offered_first() {
    allocator.addAgent(A1, r("cpus:8;mem:8192"), Map.of(
        A, r("cpus:4;mem:1024"),
        B, r("cpus:1;mem:3072"),
        C, r("cpus:2;mem:2048")));
    addAgent(allocator, A2, "cpus:2;mem:1024");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    allocator.addFramework(C, "*");
    // total cpus:10 mem:9216
    // A = max(4/10, 1024/9216) = max(0.4, 0.111) = 0.4
    // B = max(1/10, 3072/9216) = max(0.1, 0.333) = 0.333
    // C = max(2/10, 2048/9216) = max(0.2, 0.222) = 0.222
    assertThat(allocator.dominantShare(A)).isCloseTo(0.4, within(1e-9));
    assertThat(allocator.dominantShare(B)).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(allocator.dominantShare(C)).isCloseTo(2048.0 / 9216, within(1e-9));

    List<Offer> offers = allocator.allocate(T0);

    // a1 (free cpus:1 mem:2048): C (0.222) is lowest -> C = max(3/10, 4096/9216) = 0.444
    // a2 (free cpus:2 mem:1024): B (0.333) < A (0.4) < C (0.444) -> B = max(3/10, 4096/9216) = 0.444
    assertThat(who(offers)).containsExactly("a1->fw-c", "a2->fw-b");
    assertThat(offers.get(0).resources()).isEqualTo(r("cpus:1;mem:2048"));
    assertThat(allocator.dominantShare(C)).isCloseTo(4096.0 / 9216, within(1e-9));
    assertThat(allocator.dominantShare(B)).isCloseTo(4096.0 / 9216, within(1e-9));
    assertThat(allocator.offered(A)).isEqualTo(io.meseta.core.resources.Resources.EMPTY);
  }

  @Test
  void a_heavier_role_gets_proportionally_more() {
    for (var agent : List.of(A1, A2, A3, A4)) {
      addAgent(allocator, agent, "cpus:4;mem:4096");
    }
    allocator.addFramework(A, "analytics");
    allocator.addFramework(B, "web");
    allocator.setWeight("analytics", 3);
    // total cpus:16
    // a1: both 0, never chosen -> A by id; A = (4/16)/3 = 0.083
    // a2: B 0 < A 0.083 -> B; B = 4/16 = 0.25
    // a3: A 0.083 < B 0.25 -> A; A = (8/16)/3 = 0.167
    // a4: A 0.167 < B 0.25 -> A; A = (12/16)/3 = 0.25
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a", "a2->fw-b", "a3->fw-a", "a4->fw-a");
    assertThat(allocator.dominantShare(A)).isCloseTo(0.25, within(1e-9));
  }

  @Test
  void equal_shares_are_broken_by_framework_id() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(C, "*");
    allocator.addFramework(B, "*");
    // B 0 = C 0, never chosen -> B by id
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-b");
  }

  @Test
  void an_agent_is_offered_whole_as_one_offer() {
    addAgent(allocator, A1, "cpus:4;mem:4096;disk:1000;ports:[31000-32000]");
    allocator.addFramework(A, "*");

    List<Offer> offers = allocator.allocate(T0);

    assertThat(offers).singleElement().satisfies(offer -> {
      assertThat(offer.id()).isEqualTo(OfferId.of("M1-O0"));
      assertThat(offer.frameworkId()).isEqualTo(A);
      assertThat(offer.agentId()).isEqualTo(A1);
      assertThat(offer.resources()).isEqualTo(r("cpus:4;mem:4096;disk:1000;ports:[31000-32000]"));
    });
    assertThat(allocator.free(A1).isEmpty()).isTrue();
    assertThat(allocator.offered(A)).isEqualTo(allocator.total(A1));
    assertThat(allocator.offer(OfferId.of("M1-O0"))).contains(offers.get(0));
  }

  @Test
  void fragments_freed_between_runs_are_merged_into_one_offer() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    Offer first = allocator.allocate(T0).get(0);
    allocator.accept(A, ids(first));
    allocator.recover(A, A1, r("cpus:1;mem:512"), NO_FILTER, T0);
    allocator.recover(A, A1, r("cpus:1;mem:512"), NO_FILTER, T0);

    assertThat(allocator.allocate(T0)).singleElement()
        .extracting(Offer::resources).isEqualTo(r("cpus:2;mem:1024"));
  }

  @Test
  void reservations_go_only_to_their_role_in_the_same_run() {
    addAgent(allocator, A1, "cpus:4;mem:4096;cpus(ads):2;mem(ads):1024");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "ads");
    // A (id first) takes what "*" may use; the reservation for "ads" goes on to B in the same run.
    List<Offer> offers = allocator.allocate(T0);
    assertThat(who(offers)).containsExactly("a1->fw-a", "a1->fw-b");
    assertThat(offers.get(0).resources()).isEqualTo(r("cpus:4;mem:4096"));
    assertThat(offers.get(1).resources()).isEqualTo(r("cpus(ads):2;mem(ads):1024"));
  }

  @Test
  void a_role_is_offered_its_reservations_together_with_unreserved_resources() {
    addAgent(allocator, A1, "cpus:4;mem:4096;cpus(ads):2");
    allocator.addFramework(B, "ads");
    assertThat(allocator.allocate(T0)).singleElement()
        .extracting(Offer::resources).isEqualTo(r("cpus:4;mem:4096;cpus(ads):2"));
  }

  static Stream<Arguments> minAllocatableCases() {
    return Stream.of(
        Arguments.of("enough cpus alone", "cpus:0.01", true),
        Arguments.of("enough memory alone", "mem:32", true),
        Arguments.of("a little of both is not enough", "cpus:0.005;mem:31", false),
        Arguments.of("only a resource without a minimum", "disk:1000", false),
        Arguments.of("only ports", "ports:[31000-32000]", false),
        Arguments.of("a normal agent", "cpus:4;mem:4096;disk:1000", true));
  }

  @ParameterizedTest(name = "{0}: offered={2}")
  @MethodSource("minAllocatableCases")
  void an_offer_must_contain_at_least_one_minimum(String name, String free, boolean offered) {
    addAgent(allocator, A1, free);
    allocator.addFramework(A, "*");
    assertThat(allocator.allocate(T0)).hasSize(offered ? 1 : 0);
    // Either way the agent is clean until something changes.
    assertThat(allocator.hasDirtyAgents()).isFalse();
  }

  @Test
  void without_minimums_anything_non_empty_is_allocatable() {
    Allocator lenient = new Allocator(new AllocatorConfig(Duration.ofSeconds(1), Duration.ofSeconds(5), List.of()), "M");
    lenient.addAgent(A1, r("disk:1"), Map.of());
    lenient.addFramework(A, "*");
    assertThat(lenient.allocate(T0)).hasSize(1);
  }

  @Test
  void a_run_with_nothing_dirty_returns_nothing() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    assertThat(allocator.allocate(T0)).hasSize(1);
    assertThat(allocator.hasDirtyAgents()).isFalse();
    assertThat(allocator.allocate(T0)).isEmpty();
    assertThat(allocator.allocate(T0.plusSeconds(60))).isEmpty();
  }

  @Test
  void the_same_resources_are_never_offered_twice() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.allocate(T0);
    // A newcomer makes agents with free resources dirty; a1 has none left.
    allocator.addFramework(B, "*");
    assertThat(allocator.hasDirtyAgents()).isFalse();
    assertThat(allocator.allocate(T0)).isEmpty();
    allocator.revive(A);
    allocator.activateFramework(B);
    assertThat(allocator.allocate(T0)).isEmpty();
  }

  @Test
  void an_agent_with_nothing_for_anyone_stays_clean_until_something_changes() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    assertThat(allocator.hasDirtyAgents()).isTrue();
    // no framework yet
    assertThat(allocator.allocate(T0)).isEmpty();
    assertThat(allocator.hasDirtyAgents()).isFalse();
    allocator.addFramework(A, "*");
    assertThat(allocator.hasDirtyAgents()).isTrue();
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a");
  }

  @Test
  void agents_are_walked_in_id_order_and_each_offer_re_ranks() {
    addAgent(allocator, A2, "cpus:1;mem:1024");
    addAgent(allocator, A1, "cpus:1;mem:1024");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    // a1: A by id (A = 0.5); a2: B (0 < 0.5)
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a", "a2->fw-b");
  }

  @Test
  void offer_ids_count_up_from_the_prefix() {
    addAgent(allocator, A1, "cpus:1;mem:1024");
    addAgent(allocator, A2, "cpus:1;mem:1024");
    allocator.addFramework(A, "*");
    assertThat(allocator.allocate(T0)).extracting(Offer::id)
        .containsExactly(OfferId.of("M1-O0"), OfferId.of("M1-O1"));
    assertThat(allocator.offers()).hasSize(2);
  }

  @Test
  void the_cluster_total_is_the_sum_of_agents() {
    addAgent(allocator, A1, "cpus:1;mem:1024");
    addAgent(allocator, A2, "cpus:2;mem:512");
    assertThat(allocator.clusterTotal()).isEqualTo(r("cpus:3;mem:1536"));
    allocator.removeAgent(A1);
    assertThat(allocator.clusterTotal()).isEqualTo(r("cpus:2;mem:512"));
  }
}
