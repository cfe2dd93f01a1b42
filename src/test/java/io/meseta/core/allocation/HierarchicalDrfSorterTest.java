package io.meseta.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Mesos' hierarchical DRF: roles by weighted share, then frameworks within a role. */
class HierarchicalDrfSorterTest {
  private static final Resources TOTAL = Resources.parse("cpus:10;mem:1000");
  private static final FrameworkId A1 = FrameworkId.of("a1");
  private static final FrameworkId A2 = FrameworkId.of("a2");
  private static final FrameworkId B1 = FrameworkId.of("b1");

  private static HierarchicalDrfSorter sorter() {
    HierarchicalDrfSorter s = new HierarchicalDrfSorter();
    s.setTotal(TOTAL);
    return s;
  }

  private static void addActive(Sorter s, FrameworkId id, String role) {
    s.add(id, role, Resources.EMPTY);
    s.activate(id);
  }

  private static List<FrameworkId> order(Sorter s) {
    List<FrameworkId> result = new ArrayList<>();
    s.sorted().forEach(result::add);
    return result;
  }

  @Test
  void aRoleWithManyFrameworksDoesNotGetMoreThanItsShare() {
    HierarchicalDrfSorter s = sorter();
    addActive(s, A1, "a");
    addActive(s, A2, "a");
    addActive(s, B1, "b");
    // role a: a1 holds 2 cpus, a2 holds 2 cpus -> role share 4/10 = 0.4
    // role b: b1 holds 3 cpus -> role share 0.3. Flat DRF would put a1, a2 (0.2) before b1.
    s.allocated(A1, Resources.parse("cpus:2"));
    s.allocated(A2, Resources.parse("cpus:2"));
    s.allocated(B1, Resources.parse("cpus:3"));
    assertThat(s.roleShare("a")).isEqualTo(0.4);
    assertThat(s.roleShare("b")).isEqualTo(0.3);
    assertThat(order(s).get(0)).isEqualTo(B1);
  }

  @Test
  void roleWeightsDivideTheRoleShare() {
    HierarchicalDrfSorter s = sorter();
    addActive(s, A1, "a");
    addActive(s, B1, "b");
    s.setWeight("a", 3.0);
    // a: 6/10 cpus / weight 3 = 0.2; b: 3/10 = 0.3 -> a first despite holding more.
    s.allocated(A1, Resources.parse("cpus:6"));
    s.allocated(B1, Resources.parse("cpus:3"));
    assertThat(order(s)).containsExactly(A1, B1);
  }

  @Test
  void frameworksWithinARoleAreOrderedByTheirOwnShare() {
    HierarchicalDrfSorter s = sorter();
    addActive(s, A1, "a");
    addActive(s, A2, "a");
    // a1: 500/1000 mem = 0.5 dominant; a2: 1/10 cpus = 0.1 -> a2 first.
    s.allocated(A1, Resources.parse("mem:500"));
    s.allocated(A2, Resources.parse("cpus:1"));
    assertThat(order(s)).containsExactly(A2, A1);
    assertThat(s.share(A1)).isEqualTo(0.5);
  }

  @Test
  void aRoleWithoutActiveFrameworksIsSkippedButItsFrameworksStillCount() {
    HierarchicalDrfSorter s = sorter();
    addActive(s, A1, "a");
    addActive(s, B1, "b");
    s.allocated(A1, Resources.parse("cpus:5"));
    s.deactivate(A1);
    assertThat(order(s)).containsExactly(B1);
    assertThat(s.roleShare("a")).isEqualTo(0.5);
    s.remove(A1);
    assertThat(s.roleShare("a")).isZero();
  }

  @Test
  void withOneFrameworkPerRoleItAgreesWithFlatDrf() {
    Sorter flat = new DrfSorter();
    Sorter hierarchical = sorter();
    flat.setTotal(TOTAL);
    for (Sorter s : List.of(flat, hierarchical)) {
      addActive(s, A1, "a");
      addActive(s, B1, "b");
      s.setWeight("b", 2.0);
      s.allocated(A1, Resources.parse("cpus:3"));
      s.allocated(B1, Resources.parse("cpus:5"));
    }
    // a: 0.3; b: 0.5 / 2 = 0.25 -> b first in both.
    assertThat(order(hierarchical)).isEqualTo(order(flat)).containsExactly(B1, A1);
  }

  /** Allocating and giving back the same resources restores the exact order and shares. */
  @Property(tries = 200)
  void allocationIsReversible(@ForAll @IntRange(min = 0, max = 10) int a1,
      @ForAll @IntRange(min = 0, max = 10) int b1, @ForAll @IntRange(min = 1, max = 5) int more) {
    HierarchicalDrfSorter s = sorter();
    addActive(s, A1, "a");
    addActive(s, A2, "a");
    addActive(s, B1, "b");
    s.allocated(A1, Resources.scalar("cpus", a1 / 10.0));
    s.allocated(B1, Resources.scalar("cpus", b1 / 10.0));
    List<FrameworkId> before = order(s);
    Map<String, Double> shares = Map.of("a", s.roleShare("a"), "b", s.roleShare("b"));
    Resources extra = Resources.scalar("mem", more * 10.0);
    s.allocated(A2, extra);
    s.unallocated(A2, extra);
    assertThat(Map.of("a", s.roleShare("a"), "b", s.roleShare("b"))).isEqualTo(shares);
    assertThat(order(s)).containsExactlyInAnyOrderElementsOf(before);
  }
}
