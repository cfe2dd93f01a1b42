package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.A1;
import static io.meseta.core.allocation.Fixtures.A2;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.NO_FILTER;
import static io.meseta.core.allocation.Fixtures.ONE_HOUR;
import static io.meseta.core.allocation.Fixtures.T0;
import static io.meseta.core.allocation.Fixtures.addAgent;
import static io.meseta.core.allocation.Fixtures.allocator;
import static io.meseta.core.allocation.Fixtures.ids;
import static io.meseta.core.allocation.Fixtures.r;
import static io.meseta.core.allocation.Fixtures.who;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meseta.core.resources.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocatorLifecycleTest {

  private final Allocator allocator = allocator();

  @Test
  void deactivating_rescinds_offers_without_a_filter_and_stops_offers() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    Offer offer = allocator.allocate(T0).get(0);

    assertThat(allocator.deactivateFramework(A)).containsExactly(offer);

    assertThat(allocator.free(A1)).isEqualTo(r("cpus:4;mem:4096"));
    assertThat(allocator.offers()).isEmpty();
    assertThat(allocator.allocate(T0)).isEmpty();
    allocator.addFramework(B, "*");
    // No filter: B may have it straight away.
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-b");
  }

  @Test
  void an_activated_framework_is_offered_again() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.deactivateFramework(A);
    assertThat(allocator.allocate(T0)).isEmpty();
    allocator.activateFramework(A);
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a");
  }

  @Test
  void activating_a_suppressed_framework_does_not_unsuppress_it() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.suppress(A);
    allocator.deactivateFramework(A);
    allocator.activateFramework(A);
    assertThat(allocator.allocate(T0)).isEmpty();
  }

  @Test
  void removing_an_agent_rescinds_its_offers_and_forgets_its_allocations() {
    allocator.addAgent(A1, r("cpus:8;mem:8192"), Map.of(A, r("cpus:2;mem:1024")));
    addAgent(allocator, A2, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    // total cpus:12 mem:12288; A = max(2/12, 1024/12288) = 0.167, B = 0
    // a1: B -> B = max(6/12, 7168/12288) = 0.583; a2: A (0.167) -> A = max(6/12, 5120/12288) = 0.5
    List<Offer> offers = allocator.allocate(T0);
    assertThat(who(offers)).containsExactly("a1->fw-b", "a2->fw-a");

    assertThat(allocator.removeAgent(A1)).containsExactly(offers.get(0));

    assertThat(allocator.offers()).containsExactly(offers.get(1));
    assertThat(allocator.total(A1)).isEqualTo(Resources.EMPTY);
    assertThat(allocator.allocated(A)).isEqualTo(r("cpus:4;mem:4096"));
    assertThat(allocator.allocated(B)).isEqualTo(Resources.EMPTY);
    assertThat(allocator.clusterTotal()).isEqualTo(r("cpus:4;mem:4096"));
    // total cpus:4 mem:4096; A = 4/4 = 1.0, B = 0
    assertThat(allocator.dominantShare(A)).isCloseTo(1.0, within(1e-9));
    assertThat(allocator.dominantShare(B)).isZero();
    // A late recover for the removed agent is ignored.
    allocator.recover(A, A1, r("cpus:2;mem:1024"), NO_FILTER, T0);
    assertThat(allocator.allocate(T0)).isEmpty();
  }

  @Test
  void removing_an_unknown_agent_rescinds_nothing() {
    assertThat(allocator.removeAgent(A1)).isEmpty();
  }

  @Test
  void removing_a_framework_rescinds_offers_but_keeps_what_its_tasks_use() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    addAgent(allocator, A2, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    List<Offer> offers = allocator.allocate(T0);
    allocator.accept(A, ids(offers.get(0)));

    assertThat(allocator.removeFramework(A)).containsExactly(offers.get(1));

    assertThat(allocator.free(A1)).isEqualTo(Resources.EMPTY);
    assertThat(allocator.free(A2)).isEqualTo(r("cpus:4;mem:4096"));
    assertThat(allocator.allocated(A)).isEqualTo(r("cpus:4;mem:4096"));
    // Its tasks end later: the resources come back.
    allocator.recover(A, A1, r("cpus:4;mem:4096"), ONE_HOUR, T0);
    assertThat(allocator.free(A1)).isEqualTo(r("cpus:4;mem:4096"));
    assertThat(allocator.allocated(A)).isEqualTo(Resources.EMPTY);
  }

  @Test
  void a_removed_framework_loses_its_filters() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.decline(A, ids(allocator.allocate(T0).get(0)), ONE_HOUR, T0);
    allocator.removeFramework(A);
    allocator.addFramework(A, "*");
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a");
  }

  @Test
  void a_framework_added_after_its_agents_counts_their_tasks_in_its_share() {
    allocator.addAgent(A1, r("cpus:4;mem:4096"), Map.of(A, r("cpus:3;mem:1024")));
    addAgent(allocator, A2, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    // total cpus:8; A = 3/8 = 0.375, B = 0
    assertThat(allocator.dominantShare(A)).isCloseTo(0.375, within(1e-9));
    assertThat(allocator.free(A1)).isEqualTo(r("cpus:1;mem:3072"));
    // a1: B (0) -> B = max(1/8, 3072/8192) = 0.375; a2: A 0.375 = B 0.375, A never chosen -> A
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-b", "a2->fw-a");
  }

  @Test
  void an_agent_whose_tasks_exceed_its_total_is_refused() {
    assertThatThrownBy(() -> allocator.addAgent(A1, r("cpus:4;mem:4096"),
        Map.of(A, r("cpus:3"), B, r("cpus:2")))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_agent_or_framework_cannot_be_added_twice() {
    addAgent(allocator, A1, "cpus:4");
    allocator.addFramework(A, "*");
    assertThatThrownBy(() -> addAgent(allocator, A1, "cpus:4")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> allocator.addFramework(A, "*")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void recover_returns_resources_to_the_free_pool() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.accept(A, ids(allocator.allocate(T0).get(0)));
    // A = 4/4 = 1.0
    assertThat(allocator.dominantShare(A)).isCloseTo(1.0, within(1e-9));

    allocator.recover(A, A1, r("cpus:1;mem:2048"), NO_FILTER, T0);

    assertThat(allocator.free(A1)).isEqualTo(r("cpus:1;mem:2048"));
    assertThat(allocator.allocated(A)).isEqualTo(r("cpus:3;mem:2048"));
    // A = max(3/4, 2048/4096) = 0.75
    assertThat(allocator.dominantShare(A)).isCloseTo(0.75, within(1e-9));
    assertThat(allocator.hasDirtyAgents()).isTrue();
  }

  @Test
  void recovering_twice_frees_only_once() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    allocator.accept(A, ids(allocator.allocate(T0).get(0)));
    allocator.recover(A, A1, r("cpus:4;mem:4096"), NO_FILTER, T0);
    allocator.recover(A, A1, r("cpus:4;mem:4096"), NO_FILTER, T0);
    assertThat(allocator.free(A1)).isEqualTo(r("cpus:4;mem:4096"));
  }

  @Test
  void recovering_more_than_is_used_frees_only_what_is_used() {
    addAgent(allocator, A1, "cpus:4;mem:4096;ports:[31000-31010]");
    allocator.addFramework(A, "*");
    allocator.accept(A, ids(allocator.allocate(T0).get(0)));
    allocator.recover(A, A1, r("cpus:1;mem:1024;ports:[31000-31005]"), NO_FILTER, T0);
    // Now in use: cpus:3 mem:3072 ports 31006-31010. Ask for more cpus than used and ports half gone.
    allocator.recover(A, A1, r("cpus:5;mem:1024;ports:[31000-31007]"), NO_FILTER, T0);
    // cpus: min(3, 5) = 3 freed; mem 1024 freed; ports only partly used -> left in use
    assertThat(allocator.free(A1)).isEqualTo(r("cpus:4;mem:2048;ports:[31000-31005]"));
    assertThat(allocator.allocated(A)).isEqualTo(r("mem:2048;ports:[31006-31010]"));
  }

  @Test
  void recovering_what_is_offered_does_not_free_it() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    Offer offer = allocator.allocate(T0).get(0);
    allocator.recover(A, A1, r("cpus:4;mem:4096"), NO_FILTER, T0);
    assertThat(allocator.free(A1)).isEqualTo(Resources.EMPTY);
    assertThat(allocator.offer(offer.id())).contains(offer);
  }

  @Test
  void rescinding_returns_the_resources_without_a_filter() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, "*");
    Offer offer = allocator.allocate(T0).get(0);
    assertThat(allocator.rescind(offer.id())).containsExactly(offer);
    assertThat(allocator.rescind(offer.id())).isEmpty();
    assertThat(allocator.allocate(T0)).singleElement().extracting(Offer::resources).isEqualTo(offer.resources());
  }

  @Test
  void allocations_per_agent_include_offers_and_tasks() {
    allocator.addAgent(A1, r("cpus:4;mem:4096"), Map.of(B, r("cpus:1;mem:1024")));
    allocator.addFramework(A, "*");
    allocator.allocate(T0);
    assertThat(allocator.allocations(A1)).containsExactlyInAnyOrderEntriesOf(Map.of(
        A, r("cpus:3;mem:3072"),
        B, r("cpus:1;mem:1024")));
  }
}
