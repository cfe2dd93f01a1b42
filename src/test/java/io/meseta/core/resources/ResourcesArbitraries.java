package io.meseta.core.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for property tests. Few names, roles, ports and items, so that generated values
 * collide often: the interesting cases (same key, overlapping ranges) must not be rare.
 */
final class ResourcesArbitraries {
  private static final List<String> NAMES = List.of("cpus", "mem", "ports", "disks");
  private static final List<String> ROLES = List.of("*", "*", "a", "eng", "eng/web");
  private static final List<String> ITEMS = List.of("a", "b", "c", "d", "e", "f");

  private ResourcesArbitraries() {}

  static Arbitrary<Resource> entries() {
    Arbitrary<String> names = Arbitraries.of(NAMES);
    Arbitrary<String> roles = Arbitraries.of(ROLES);
    Arbitrary<Resource> scalars = Combinators.combine(names, roles,
            Arbitraries.longs().between(0, 20_000))
        .as(Resource.Scalar::new);
    Arbitrary<Resource> ranges = Combinators.combine(names, roles, rangeLists())
        .as(Resource.Ranges::new);
    Arbitrary<Resource> sets = Combinators.combine(names, roles,
            Arbitraries.of(ITEMS).set().ofMaxSize(ITEMS.size()).map(TreeSet::new))
        .as(Resource.Set::new);
    return Arbitraries.frequencyOf(Tuple.of(5, scalars), Tuple.of(3, ranges), Tuple.of(2, sets));
  }

  static Arbitrary<Resources> resources() {
    return entries().list().ofMaxSize(8).map(Resources::of);
  }

  static Arbitrary<Resources> scalarResources() {
    return entries().filter(e -> e instanceof Resource.Scalar).list().ofMaxSize(6)
        .map(Resources::of);
  }

  /**
   * Splits whole into two parts with disjoint ranges and items whose sum is whole: scalars are
   * cut at a random point, each range and item goes to one side.
   */
  static Resources[] split(Resources whole, long seed) {
    Random random = new Random(seed);
    List<Resource> left = new ArrayList<>();
    List<Resource> right = new ArrayList<>();
    for (Resource entry : whole.entries()) {
      if (entry instanceof Resource.Scalar s) {
        long cut = (long) (random.nextDouble() * (s.millis() + 1));
        left.add(new Resource.Scalar(s.name(), s.role(), cut));
        right.add(new Resource.Scalar(s.name(), s.role(), s.millis() - cut));
      } else if (entry instanceof Resource.Ranges r) {
        List<Range> l = new ArrayList<>();
        List<Range> rt = new ArrayList<>();
        r.ranges().forEach(range -> (random.nextBoolean() ? l : rt).add(range));
        left.add(new Resource.Ranges(r.name(), r.role(), l));
        right.add(new Resource.Ranges(r.name(), r.role(), rt));
      } else {
        Resource.Set s = (Resource.Set) entry;
        TreeSet<String> l = new TreeSet<>();
        TreeSet<String> rt = new TreeSet<>();
        s.items().forEach(item -> (random.nextBoolean() ? l : rt).add(item));
        left.add(new Resource.Set(s.name(), s.role(), l));
        right.add(new Resource.Set(s.name(), s.role(), rt));
      }
    }
    return new Resources[] {Resources.of(left), Resources.of(right)};
  }

  private static Arbitrary<List<Range>> rangeLists() {
    Arbitrary<Range> range = Combinators.combine(
            Arbitraries.longs().between(0, 60), Arbitraries.longs().between(0, 8))
        .as((begin, length) -> new Range(begin, begin + length));
    return range.list().ofMaxSize(4);
  }
}
