package io.meseta.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FCFS and priority policies, and choosing a policy by name. */
class PolicySortersTest {
  private static final Resources TOTAL = Resources.parse("cpus:10;mem:1000");
  private static final FrameworkId A = FrameworkId.of("a");
  private static final FrameworkId B = FrameworkId.of("b");
  private static final FrameworkId C = FrameworkId.of("c");

  private static List<FrameworkId> order(Sorter sorter) {
    List<FrameworkId> result = new ArrayList<>();
    sorter.sorted().forEach(result::add);
    return result;
  }

  private static void addActive(Sorter sorter, FrameworkId id, String role) {
    sorter.add(id, role, Resources.EMPTY);
    sorter.activate(id);
  }

  @Test
  void fcfsOffersInSubscriptionOrderWhateverTheShares() {
    Sorter sorter = new FcfsSorter();
    sorter.setTotal(TOTAL);
    addActive(sorter, B, "*");
    addActive(sorter, A, "*");
    // b holds 5 of 10 cpus (share 0.5), a holds nothing (share 0): DRF would pick a, FCFS b.
    sorter.allocated(B, Resources.parse("cpus:5"));
    assertThat(order(sorter)).containsExactly(B, A);
    assertThat(sorter.share(B)).isEqualTo(0.5);
  }

  @Test
  void fcfsKeepsAFrameworksPlaceWhileItIsSuppressed() {
    Sorter sorter = new FcfsSorter();
    addActive(sorter, A, "*");
    addActive(sorter, B, "*");
    sorter.deactivate(A);
    assertThat(order(sorter)).containsExactly(B);
    sorter.activate(A);
    assertThat(order(sorter)).containsExactly(A, B);
  }

  @Test
  void priorityOffersHigherClassesFirstAndDrfWithinAClass() {
    Sorter sorter = new PrioritySorter(Map.of("prod", 10, "batch", 0));
    sorter.setTotal(TOTAL);
    addActive(sorter, A, "batch");
    addActive(sorter, B, "prod");
    addActive(sorter, C, "prod");
    // prod: b holds 6 cpus (0.6), c holds 2 cpus (0.2) -> c before b; batch: a holds nothing.
    sorter.allocated(B, Resources.parse("cpus:6"));
    sorter.allocated(C, Resources.parse("cpus:2"));
    assertThat(order(sorter)).containsExactly(C, B, A);
  }

  @Test
  void priorityClassesHonourRoleWeights() {
    Sorter sorter = new PrioritySorter(Map.of());
    sorter.setTotal(TOTAL);
    addActive(sorter, A, "light");
    addActive(sorter, B, "heavy");
    sorter.setWeight("heavy", 4.0);
    // a: 2/10 cpus = 0.2; b: 4/10 cpus / weight 4 = 0.1 -> b first.
    sorter.allocated(A, Resources.parse("cpus:2"));
    sorter.allocated(B, Resources.parse("cpus:4"));
    assertThat(sorter.share(B)).isEqualTo(0.1);
    assertThat(order(sorter)).containsExactly(B, A);
  }

  @Test
  void anUnknownRoleHasPriorityZero() {
    PrioritySorter sorter = new PrioritySorter(Map.of("urgent", 5, "never", -1));
    addActive(sorter, A, "never");
    addActive(sorter, B, "misc");
    addActive(sorter, C, "urgent");
    assertThat(order(sorter)).containsExactly(C, B, A);
  }

  @Test
  void theAllocatorRunsUnderEveryPolicy() {
    for (AllocationPolicy policy : AllocationPolicy.values()) {
      Allocator allocator = new Allocator(AllocatorConfig.defaults(), "m",
          policy.newSorter(Map.of()));
      allocator.addAgent(io.meseta.core.model.AgentId.of("s1"), TOTAL, Map.of());
      allocator.addFramework(A, "*");
      List<Offer> offers = allocator.allocate(java.time.Instant.EPOCH);
      assertThat(offers).as("policy %s", policy).singleElement()
          .extracting(Offer::resources).isEqualTo(TOTAL);
    }
  }

  @Test
  void policiesParseByNameAndABadNameListsTheValidOnes() {
    assertThat(AllocationPolicy.parse("Priority")).isEqualTo(AllocationPolicy.PRIORITY);
    assertThat(AllocationPolicy.parse(" fcfs ")).isEqualTo(AllocationPolicy.FCFS);
    assertThatThrownBy(() -> AllocationPolicy.parse("random"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown allocation policy 'random'; use one of drf, priority, fcfs");
  }
}
