package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.allocation.AcceptResult.Accepted;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random scripts of allocator calls. After every call, for every agent, its free resources, the offers on
 * it and what the test itself knows to be in use there are pairwise disjoint and add up to its total: an
 * agent is never over-committed and nothing is offered twice. Ports make "twice" visible: adding ranges is
 * a union, so a double offer of ports would hide in a plain sum but not in the disjointness check.
 */
class AllocatorPropertiesTest {

  private static final int AGENTS = 4;
  private static final int FRAMEWORKS = 3;
  private static final List<String> ROLES = List.of("*", "ads");

  /** One call, with small random numbers that pick agents, frameworks and offers by index. */
  record Step(int kind, int agent, int framework, int pick, int amount) {}

  @Provide
  Arbitrary<List<Step>> scripts() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.integers().between(0, 13),
        Arbitraries.integers().between(0, AGENTS - 1),
        Arbitraries.integers().between(0, FRAMEWORKS - 1),
        Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(0, 4)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 400)
  void agents_are_never_over_committed_and_nothing_is_offered_twice(@ForAll("scripts") List<Step> script) {
    new Run().play(script);
  }

  /** One script's allocator, clock and the test's own record of what tasks use. */
  private static final class Run {
    final Allocator allocator = new Allocator(AllocatorConfig.defaults(), "P");
    final Map<AgentId, Resources> totals = new HashMap<>();
    final Map<AgentId, Map<FrameworkId, Resources>> used = new HashMap<>();
    final Map<FrameworkId, String> known = new HashMap<>();
    Instant now = T0;

    void play(List<Step> script) {
      for (Step step : script) {
        apply(step);
        checkBooks();
      }
    }

    void apply(Step s) {
      AgentId agent = AgentId.of("a" + s.agent());
      FrameworkId framework = FrameworkId.of("f" + s.framework());
      switch (s.kind()) {
        case 0 -> addAgent(agent, framework, s.amount());
        case 1 -> {
          allocator.removeAgent(agent);
          totals.remove(agent);
          used.remove(agent);
        }
        case 2 -> {
          if (!known.containsKey(framework)) {
            String role = ROLES.get(s.pick() % ROLES.size());
            allocator.addFramework(framework, role);
            known.put(framework, role);
          }
        }
        case 3 -> {
          allocator.removeFramework(framework);
          known.remove(framework);
        }
        case 4 -> allocator.deactivateFramework(framework);
        case 5 -> allocator.activateFramework(framework);
        case 6 -> allocator.suppress(framework);
        case 7 -> allocator.revive(framework);
        case 8, 9 -> allocate(s.amount());
        case 10 -> accept(framework, s.pick(), s.amount());
        case 11 -> pickOffer(s.pick()).ifPresent(offer ->
            allocator.decline(offer.frameworkId(), List.of(offer.id()), Duration.ofMillis(700L * s.amount()), now));
        case 12 -> recover(agent, framework, s.amount());
        case 13 -> pickOffer(s.pick()).ifPresent(offer -> allocator.rescind(offer.id()));
        default -> throw new IllegalStateException("no step " + s.kind());
      }
    }

    void addAgent(AgentId agent, FrameworkId framework, int amount) {
      if (totals.containsKey(agent)) {
        return;
      }
      Resources total = Resources.parse("cpus:4;mem:4096;cpus(ads):1;ports:[31000-31009]");
      Map<FrameworkId, Resources> inUse = amount == 0 ? Map.of() : Map.of(framework, Resources.parse("cpus:1;mem:512;ports:[31000-31001]"));
      allocator.addAgent(agent, total, inUse);
      totals.put(agent, total);
      used.put(agent, new HashMap<>(inUse));
    }

    void allocate(int seconds) {
      now = now.plusMillis(500L * seconds);
      Map<AgentId, Resources> freeBefore = new HashMap<>();
      totals.keySet().forEach(a -> freeBefore.put(a, allocator.free(a)));
      Map<AgentId, Resources> newlyOffered = new HashMap<>();
      for (Offer offer : allocator.allocate(now)) {
        assertThat(known).containsKey(offer.frameworkId());
        assertThat(offer.resources().isEmpty()).isFalse();
        newlyOffered.merge(offer.agentId(), offer.resources(), Resources::plus);
      }
      // What a run offers was free before it.
      newlyOffered.forEach((a, offered) -> assertThat(freeBefore.get(a).contains(offered)).isTrue());
      assertThat(allocator.allocate(now)).as("a second run at the same instant").isEmpty();
    }

    void accept(FrameworkId framework, int pick, int amount) {
      List<OfferId> ids = new ArrayList<>();
      pickOffer(pick).ifPresent(o -> ids.add(o.id()));
      if (amount == 4) {
        pickOffer(pick + 1).ifPresent(o -> ids.add(o.id())); // sometimes another agent's or framework's
      }
      if (amount == 3 && !ids.isEmpty()) {
        ids.add(ids.get(0)); // a duplicate
      }
      if (allocator.accept(framework, ids) instanceof Accepted accepted) {
        used.get(accepted.agentId()).merge(framework, accepted.resources(), Resources::plus);
        // Launch on part of it and hand back the rest, as the master does.
        Resources launched = accepted.resources().unreserved().scalar("cpus") >= 1
            ? Resources.parse("cpus:1") : Resources.EMPTY;
        Resources unused = accepted.resources().minus(launched);
        allocator.recover(framework, accepted.agentId(), unused, Duration.ofSeconds(amount), now);
        take(accepted.agentId(), framework, unused);
      }
    }

    void recover(AgentId agent, FrameworkId framework, int amount) {
      Resources inUse = used.getOrDefault(agent, Map.of()).getOrDefault(framework, Resources.EMPTY);
      if (amount == 0) {
        // Nothing of this is in use (a stale or repeated recover, or an unknown agent): must be ignored.
        FrameworkId idle = inUse.isEmpty() ? framework : FrameworkId.of("ghost");
        allocator.recover(idle, agent, Resources.parse("cpus:1;mem:64"), Duration.ZERO, now);
        return;
      }
      allocator.recover(framework, agent, inUse, Duration.ofSeconds(amount - 1), now);
      take(agent, framework, inUse);
    }

    Optional<Offer> pickOffer(int pick) {
      List<Offer> offers = List.copyOf(allocator.offers());
      return offers.isEmpty() ? Optional.empty() : Optional.of(offers.get(pick % offers.size()));
    }

    void take(AgentId agent, FrameworkId framework, Resources resources) {
      Map<FrameworkId, Resources> onAgent = used.get(agent);
      if (onAgent == null || resources.isEmpty()) {
        return;
      }
      Resources left = onAgent.get(framework).minus(resources);
      if (left.isEmpty()) {
        onAgent.remove(framework);
      } else {
        onAgent.put(framework, left);
      }
    }

    void checkBooks() {
      Map<FrameworkId, Resources> allocatedByFramework = new HashMap<>();
      for (Map.Entry<AgentId, Resources> entry : totals.entrySet()) {
        AgentId agent = entry.getKey();
        List<Resources> parts = new ArrayList<>();
        parts.add(allocator.free(agent));
        for (Offer offer : allocator.offers()) {
          if (offer.agentId().equals(agent)) {
            parts.add(offer.resources());
            allocatedByFramework.merge(offer.frameworkId(), offer.resources(), Resources::plus);
          }
        }
        used.get(agent).forEach((fw, r) -> {
          parts.add(r);
          allocatedByFramework.merge(fw, r, Resources::plus);
        });
        Resources sum = Resources.EMPTY;
        for (int i = 0; i < parts.size(); i++) {
          for (int j = i + 1; j < parts.size(); j++) {
            Resources p = parts.get(i);
            Resources q = parts.get(j);
            assertThat(p.plus(q).minus(q)).as("agent %s: %s and %s overlap", agent, p, q).isEqualTo(p);
          }
          sum = sum.plus(parts.get(i));
        }
        assertThat(sum).as("agent %s: free + offered + used", agent).isEqualTo(entry.getValue());
        assertThat(allocator.total(agent)).isEqualTo(entry.getValue());
      }
      for (FrameworkId framework : known.keySet()) {
        assertThat(allocator.allocated(framework))
            .isEqualTo(allocatedByFramework.getOrDefault(framework, Resources.EMPTY));
      }
    }
  }
}
