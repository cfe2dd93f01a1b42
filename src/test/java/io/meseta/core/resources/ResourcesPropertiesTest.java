package io.meseta.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResourcesPropertiesTest {

  @Provide
  Arbitrary<Resources> resources() {
    return ResourcesArbitraries.resources();
  }

  @Provide
  Arbitrary<Resources> scalars() {
    return ResourcesArbitraries.scalarResources();
  }

  @Provide
  Arbitrary<List<Resource>> entryLists() {
    return ResourcesArbitraries.entries().list().ofMaxSize(12);
  }

  @Property
  void plusThenMinusGivesBackTheStartForDisjointParts(
      @ForAll("resources") Resources whole, @ForAll long seed) {
    Resources[] parts = ResourcesArbitraries.split(whole, seed);
    Resources a = parts[0];
    Resources b = parts[1];
    assertThat(a.plus(b)).isEqualTo(whole);
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
  }

  @Property
  void plusThenMinusGivesBackTheStartForAnyScalars(
      @ForAll("scalars") Resources a, @ForAll("scalars") Resources b) {
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
  }

  @Property
  void plusIsCommutative(@ForAll("resources") Resources a, @ForAll("resources") Resources b) {
    assertThat(a.plus(b)).isEqualTo(b.plus(a));
  }

  @Property
  void plusIsAssociative(@ForAll("resources") Resources a, @ForAll("resources") Resources b,
      @ForAll("resources") Resources c) {
    assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
  }

  @Property
  void aSumContainsEachPart(@ForAll("resources") Resources a, @ForAll("resources") Resources b) {
    assertThat(a.plus(b).contains(a)).isTrue();
    assertThat(a.plus(b).contains(b)).isTrue();
  }

  @Property
  void containsIsReflexive(@ForAll("resources") Resources a) {
    assertThat(a.contains(a)).isTrue();
    assertThat(a.containsQuantities(a)).isTrue();
  }

  @Property
  void containsIsTransitive(@ForAll("resources") Resources middle,
      @ForAll("resources") Resources extra, @ForAll long seed) {
    Resources outer = middle.plus(extra);
    Resources inner = ResourcesArbitraries.split(middle, seed)[0];
    assertThat(outer.contains(middle)).isTrue();
    assertThat(middle.contains(inner)).isTrue();
    assertThat(outer.contains(inner)).isTrue();
  }

  @Property
  void containsAgreesWithMinus(@ForAll("resources") Resources a,
      @ForAll("resources") Resources b) {
    if (a.contains(b)) {
      assertThat(a.minus(b).plus(b)).isEqualTo(a);
    } else {
      assertThatThrownBy(() -> a.minus(b)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Property
  void minusNeverLeavesNegativeOrEmptyEntries(
      @ForAll("resources") Resources whole, @ForAll long seed) {
    Resources taken = ResourcesArbitraries.split(whole, seed)[0];
    Resources rest = whole.minus(taken);
    for (Resource entry : rest.entries()) {
      assertThat(entry.isEmpty()).isFalse();
      if (entry instanceof Resource.Scalar s) {
        assertThat(s.millis()).isPositive();
      }
    }
    assertThat(rest.plus(taken)).isEqualTo(whole);
  }

  @Property
  void textRoundTrips(@ForAll("resources") Resources r) {
    assertThat(Resources.parse(r.toText())).isEqualTo(r);
    assertThat(Resources.parse(r.toText()).toText()).isEqualTo(r.toText());
  }

  @Property
  void combiningIsCanonical(@ForAll("entryLists") List<Resource> entries, @ForAll long seed) {
    List<Resource> shuffled = new ArrayList<>(entries);
    Collections.shuffle(shuffled, new Random(seed));
    Resources combined = Resources.of(entries);
    assertThat(Resources.of(shuffled)).isEqualTo(combined).hasSameHashCodeAs(combined);
    assertThat(Resources.of(combined.entries())).isEqualTo(combined);
  }

  @Property
  void combinedEntriesAreUniquePerKeyAndNonEmpty(@ForAll("entryLists") List<Resource> entries) {
    List<String> keys = new ArrayList<>();
    for (Resource entry : Resources.of(entries).entries()) {
      assertThat(entry.isEmpty()).isFalse();
      keys.add(entry.name() + "|" + entry.role() + "|" + entry.getClass().getSimpleName());
    }
    assertThat(keys).doesNotHaveDuplicates();
  }

  @Property
  void withoutRolesKeepsScalarTotals(@ForAll("resources") Resources r) {
    Resources flat = r.withoutRoles();
    for (String name : r.scalarNames()) {
      assertThat(flat.scalarMillis(name)).isEqualTo(r.scalarMillis(name));
    }
    assertThat(flat.entries()).allMatch(e -> e.role().equals("*"));
    assertThat(flat.containsQuantities(r)).isTrue();
    assertThat(r.containsQuantities(flat)).isTrue();
  }

  @Property
  void roleViewsPartitionTheWhole(@ForAll("resources") Resources r) {
    Resources rebuilt = r.unreserved()
        .plus(r.reservedTo("a"))
        .plus(r.reservedTo("eng"))
        .plus(r.reservedTo("eng/web"));
    assertThat(rebuilt).isEqualTo(r);
    assertThat(r.allocatableTo("a")).isEqualTo(r.unreserved().plus(r.reservedTo("a")));
    assertThat(r.contains(r.allocatableTo("eng/web"))).isTrue();
  }
}
