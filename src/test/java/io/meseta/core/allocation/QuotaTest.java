package io.meseta.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.resources.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quota limits and guarantees, with Mesos' two stages. */
class QuotaTest {
  private static final Instant NOW = Instant.EPOCH;
  private static final FrameworkId DEV = FrameworkId.of("dev");
  private static final FrameworkId PROD = FrameworkId.of("prod");

  private static Allocator allocator(int agents) {
    Allocator a = new Allocator(AllocatorConfig.defaults(), "m", new HierarchicalDrfSorter());
    for (int i = 0; i < agents; i++) {
      a.addAgent(AgentId.of("s" + i), Resources.parse("cpus:4;mem:4096;ports:[31000-31009]"),
          Map.of());
    }
    return a;
  }

  private static Resources offeredTo(List<Offer> offers, FrameworkId fw) {
    return offers.stream().filter(o -> o.frameworkId().equals(fw)).map(Offer::resources)
        .reduce(Resources.EMPTY, Resources::plus);
  }

  @Test
  void aLimitCapsWhatARoleIsOfferedButNotItsPorts() {
    Allocator a = allocator(2);
    a.setQuota("dev", Quota.limit(Resources.parse("cpus:3;mem:1024")));
    a.addFramework(DEV, "dev");
    List<Offer> offers = a.allocate(NOW);
    // Cluster: 8 cpus, 8192 mem. dev may hold at most 3 cpus and 1024 mem in all.
    Resources toDev = offeredTo(offers, DEV);
    assertThat(toDev.scalar("cpus")).isEqualTo(3.0);
    assertThat(toDev.scalar("mem")).isEqualTo(1024.0);
    assertThat(offers).allSatisfy(o -> assertThat(o.resources().toText()).contains("ports"));
  }

  @Test
  void unsatisfiedGuaranteesAreHeldBackFromOtherRoles() {
    Allocator a = allocator(2);
    a.setQuota("prod", Quota.guarantee(Resources.parse("cpus:6")));
    // prod's framework is not connected yet: its 6 cpus of guarantee stay free (headroom).
    a.addFramework(DEV, "dev");
    List<Offer> offers = a.allocate(NOW);
    assertThat(offeredTo(offers, DEV).scalar("cpus")).isEqualTo(2.0);
    // When prod arrives it finds its guarantee free.
    a.addFramework(PROD, "prod");
    assertThat(offeredTo(a.allocate(NOW), PROD).scalar("cpus")).isEqualTo(6.0);
  }

  @Test
  void guaranteesAreServedBeforeFairShare() {
    Allocator a = allocator(1);
    a.addFramework(DEV, "dev");
    a.addFramework(PROD, "prod");
    a.setQuota("prod", Quota.guarantee(Resources.parse("cpus:1")));
    // Without quota DRF would tie-break to "dev"; prod's guarantee goes first.
    List<Offer> offers = a.allocate(NOW);
    assertThat(offeredTo(offers, PROD).scalar("cpus")).isEqualTo(1.0);
    assertThat(offeredTo(offers, DEV).scalar("cpus")).isEqualTo(3.0);
  }

  @Test
  void shrinkingALimitRescindsTheRolesOffers() {
    Allocator a = allocator(1);
    a.addFramework(DEV, "dev");
    List<Offer> offers = a.allocate(NOW);
    assertThat(offers).hasSize(1);
    List<Offer> rescinded = a.setQuota("dev", Quota.limit(Resources.parse("cpus:1")));
    assertThat(rescinded).containsExactlyElementsOf(offers);
    assertThat(offeredTo(a.allocate(NOW), DEV).scalar("cpus")).isEqualTo(1.0);
  }

  @Test
  void quotaTakesScalarsOnlyAndAGuaranteeNotAboveTheLimit() {
    assertThatThrownBy(() -> Quota.limit(Resources.parse("ports:[1-2]")))
        .hasMessageContaining("scalar resources only");
    assertThatThrownBy(() -> new Quota(Resources.parse("cpus:4"), Resources.parse("cpus:2")))
        .hasMessageContaining("above its limit");
  }

  @Test
  void resourcesFreedByARoleAtItsLimitAreOfferedToItAgain() {
    Allocator a = allocator(2);
    a.setQuota("dev", Quota.limit(Resources.parse("cpus:4")));
    a.addFramework(DEV, "dev");
    List<Offer> first = a.allocate(NOW);
    assertThat(offeredTo(first, DEV).scalar("cpus")).isEqualTo(4.0);
    Offer onFirstAgent = first.get(0);
    a.accept(DEV, List.of(onFirstAgent.id()));
    // dev's tasks end: the 4 cpus come back; the other agent, held back so far, is offered too.
    a.recover(DEV, onFirstAgent.agentId(), onFirstAgent.resources(), java.time.Duration.ZERO, NOW);
    assertThat(offeredTo(a.allocate(NOW), DEV).scalar("cpus")).isEqualTo(4.0);
  }
}
