package io.meseta.core.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * plus, minus, contains and containsQuantities walk the two sorted bags together for speed; these
 * properties hold them to the plain definitions (re-combine everything, look each entry up,
 * flatten the roles first) and check that their results stay combined.
 */
class ResourcesReferencePropertiesTest {

  @Provide
  Arbitrary<Resources> resources() {
    return ResourcesArbitraries.resources();
  }

  @Property
  void plusIsCombiningBothEntryLists(@ForAll("resources") Resources a,
      @ForAll("resources") Resources b) {
    List<Resource> all = new ArrayList<>(a.entries());
    all.addAll(b.entries());
    Resources sum = a.plus(b);
    assertThat(sum).isEqualTo(Resources.of(all));
    assertThat(sum.entries()).isEqualTo(Resources.of(sum.entries()).entries());
  }

  @Property
  void minusStaysCombined(@ForAll("resources") Resources whole, @ForAll long seed) {
    Resources rest = whole.minus(ResourcesArbitraries.split(whole, seed)[0]);
    assertThat(rest.entries()).isEqualTo(Resources.of(rest.entries()).entries());
  }

  @Property
  void containsLooksUpEachEntry(@ForAll("resources") Resources a,
      @ForAll("resources") Resources b, @ForAll long seed) {
    assertThat(a.contains(b)).isEqualTo(referenceContains(a, b));
    Resources part = ResourcesArbitraries.split(a, seed)[0];
    assertThat(a.contains(part)).isTrue();
  }

  @Property
  void containsQuantitiesIsContainsOfTheFlattenedBags(@ForAll("resources") Resources a,
      @ForAll("resources") Resources b, @ForAll long seed) {
    assertThat(a.containsQuantities(b)).isEqualTo(referenceContains(flat(a), flat(b)));
    Resources sum = a.plus(b);
    assertThat(sum.containsQuantities(b)).isTrue();
    Resources part = ResourcesArbitraries.split(a, seed)[0];
    assertThat(a.containsQuantities(flat(part))).isTrue();
    assertThat(flat(part).containsQuantities(a)).isEqualTo(referenceContains(flat(part), flat(a)));
  }

  private static boolean referenceContains(Resources have, Resources want) {
    for (Resource wanted : want.entries()) {
      Resource held = have.entries().stream()
          .filter(e -> e.name().equals(wanted.name()) && e.role().equals(wanted.role())
              && e.getClass() == wanted.getClass())
          .findFirst().orElse(null);
      if (held == null || !covers(held, wanted)) {
        return false;
      }
    }
    return true;
  }

  private static boolean covers(Resource held, Resource wanted) {
    if (held instanceof Resource.Scalar s) {
      return s.millis() >= ((Resource.Scalar) wanted).millis();
    }
    if (held instanceof Resource.Ranges r) {
      for (Range range : ((Resource.Ranges) wanted).ranges()) {
        boolean inside = r.ranges().stream()
            .anyMatch(h -> h.begin() <= range.begin() && range.end() <= h.end());
        if (!inside) {
          return false;
        }
      }
      return true;
    }
    return ((Resource.Set) held).items().containsAll(((Resource.Set) wanted).items());
  }

  /** Every role replaced by "*", re-combined: the definition containsQuantities stands for. */
  private static Resources flat(Resources r) {
    List<Resource> flattened = new ArrayList<>();
    for (Resource e : r.entries()) {
      if (e instanceof Resource.Scalar s) {
        flattened.add(new Resource.Scalar(s.name(), "*", s.millis()));
      } else if (e instanceof Resource.Ranges g) {
        flattened.add(new Resource.Ranges(g.name(), "*", g.ranges()));
      } else {
        flattened.add(new Resource.Set(e.name(), "*", ((Resource.Set) e).items()));
      }
    }
    return Resources.of(flattened);
  }
}
