package io.meseta.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.AgentId;
import io.meseta.core.resources.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FragmentationTest {
  private static Candidate agent(String id, String free) {
    return new Candidate(AgentId.of(id), id, Map.of(), Resources.parse("cpus:8;mem:8192"),
        Resources.parse(free));
  }

  @Test
  void freeResourcesTooSmallForEveryPendingTaskCountAsFragmented() {
    // Pending: 4-cpu tasks. Only c (6 cpus free) can take one; a (1 cpu) and b (2 cpus) cannot.
    // Fragmented cpus = 1 + 2 = 3 of 9 free -> 1/3; mem = 1000 + 1000 of 4000 -> 1/2.
    List<Candidate> agents = List.of(agent("a", "cpus:1;mem:1000"), agent("b", "cpus:2;mem:1000"),
        agent("c", "cpus:6;mem:2000"));
    Fragmentation f = Fragmentation.measure(List.of(TaskShape.of("cpus:4;mem:512")), agents);
    assertThat(f.fragmentedShare().get("cpus")).isEqualTo(3.0 / 9.0);
    assertThat(f.fragmentedShare().get("mem")).isEqualTo(2000.0 / 4000.0);
    assertThat(f.largestPlaceable()).isEqualTo(Resources.parse("cpus:6;mem:2000"));
  }

  @Test
  void nothingIsFragmentedWithoutPendingWork() {
    Fragmentation f = Fragmentation.measure(List.of(), List.of(agent("a", "cpus:1;mem:10")));
    assertThat(f.fragmentedShare()).containsEntry("cpus", 0.0);
  }

  @Test
  void allFreeIsFragmentedWhenTheTaskFitsNowhere() {
    Fragmentation f = Fragmentation.measure(List.of(TaskShape.of("cpus:16")),
        List.of(agent("a", "cpus:8;mem:8192"), agent("b", "cpus:8;mem:8192")));
    assertThat(f.fragmentedShare().get("cpus")).isEqualTo(1.0);
  }
}
