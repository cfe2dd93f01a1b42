package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.C;
import static io.meseta.core.allocation.Fixtures.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrfSorterTest {

  private final DrfSorter sorter = new DrfSorter();

  private void addActive(FrameworkId framework, String role) {
    sorter.add(framework, role, Resources.EMPTY);
    sorter.activate(framework);
  }

  private List<FrameworkId> order() {
    List<FrameworkId> order = new ArrayList<>();
    sorter.sorted().forEach(order::add);
    return order;
  }

  @Test
  void the_share_is_the_largest_fraction_of_any_resource() {
    sorter.setTotal(r("cpus:10;mem:1000"));
    addActive(A, "*");
    sorter.allocated(A, r("cpus:2;mem:500"));
    // A: cpus 2/10 = 0.2, mem 500/1000 = 0.5 -> 0.5
    assertThat(sorter.share(A)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void resources_the_cluster_has_none_of_do_not_count() {
    sorter.setTotal(r("cpus:10;mem:1000"));
    addActive(A, "*");
    sorter.allocated(A, r("cpus:1;gpus:1"));
    // A: cpus 1/10 = 0.1; gpus total 0 -> skipped
    assertThat(sorter.share(A)).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void the_lowest_dominant_share_comes_first() {
    sorter.setTotal(r("cpus:10;mem:1000"));
    addActive(A, "*");
    addActive(B, "*");
    addActive(C, "*");
    sorter.allocated(A, r("cpus:1;mem:400"));
    sorter.allocated(B, r("cpus:3;mem:100"));
    sorter.allocated(C, r("cpus:2;mem:200"));
    // A = max(0.1, 0.4) = 0.4; B = max(0.3, 0.1) = 0.3; C = max(0.2, 0.2) = 0.2
    assertThat(order()).containsExactly(C, B, A);
  }

  @Test
  void weights_divide_the_share() {
    sorter.setTotal(r("cpus:10"));
    addActive(A, "analytics");
    addActive(B, "web");
    sorter.setWeight("analytics", 4);
    sorter.allocated(A, r("cpus:4"));
    sorter.allocated(B, r("cpus:2"));
    // A = 0.4 / 4 = 0.1; B = 0.2 / 1 = 0.2
    assertThat(sorter.share(A)).isCloseTo(0.1, within(1e-9));
    assertThat(order()).containsExactly(A, B);
  }

  @Test
  void equal_shares_go_to_the_framework_chosen_fewer_times() {
    sorter.setTotal(r("cpus:10"));
    addActive(A, "*");
    addActive(B, "*");
    sorter.allocated(A, r("cpus:1"));
    sorter.allocated(A, r("cpus:1"));
    sorter.allocated(B, r("cpus:2"));
    // A = 0.2 (chosen twice); B = 0.2 (chosen once) -> B first despite its larger id
    assertThat(order()).containsExactly(B, A);
  }

  @Test
  void equal_shares_and_counts_go_by_framework_id() {
    sorter.setTotal(r("cpus:10"));
    addActive(C, "*");
    addActive(A, "*");
    addActive(B, "*");
    // all 0, never chosen
    assertThat(order()).containsExactly(A, B, C);
  }

  @Test
  void a_change_of_total_re_ranks_everyone() {
    sorter.setTotal(r("cpus:10;mem:1000"));
    addActive(A, "*");
    addActive(B, "*");
    sorter.allocated(A, r("cpus:3"));
    sorter.allocated(B, r("mem:200"));
    // A = 0.3, B = 0.2
    assertThat(order()).containsExactly(B, A);
    sorter.setTotal(r("cpus:10;mem:400"));
    // A = 0.3, B = 200/400 = 0.5
    assertThat(order()).containsExactly(A, B);
  }

  @Test
  void unallocating_restores_the_exact_share() {
    sorter.setTotal(r("cpus:3"));
    addActive(A, "*");
    sorter.allocated(A, r("cpus:0.1"));
    sorter.allocated(A, r("cpus:0.2"));
    sorter.unallocated(A, r("cpus:0.3"));
    // fixed point: 0.1 + 0.2 - 0.3 is exactly 0
    assertThat(sorter.share(A)).isZero();
  }

  @Test
  void inactive_frameworks_are_not_listed_but_keep_their_share() {
    sorter.setTotal(r("cpus:10"));
    addActive(A, "*");
    addActive(B, "*");
    sorter.allocated(A, r("cpus:5"));
    sorter.deactivate(A);
    assertThat(order()).containsExactly(B);
    assertThat(sorter.share(A)).isCloseTo(0.5, within(1e-9));
    sorter.activate(A);
    assertThat(order()).containsExactly(B, A);
  }

  @Test
  void a_framework_added_with_an_allocation_starts_with_its_share() {
    sorter.setTotal(r("cpus:10"));
    sorter.add(A, "*", r("cpus:5"));
    // A = 5/10
    assertThat(sorter.share(A)).isCloseTo(0.5, within(1e-9));
    assertThat(order()).isEmpty();
  }

  @ParameterizedTest(name = "weight {0} is refused")
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void weights_must_be_positive(double weight) {
    assertThatThrownBy(() -> sorter.setWeight("web", weight))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("web");
  }

  @Test
  void removed_frameworks_have_no_share() {
    sorter.setTotal(r("cpus:10"));
    addActive(A, "*");
    sorter.allocated(A, r("cpus:5"));
    sorter.remove(A);
    assertThat(sorter.contains(A)).isFalse();
    assertThat(sorter.share(A)).isZero();
    assertThat(order()).isEmpty();
  }
}
