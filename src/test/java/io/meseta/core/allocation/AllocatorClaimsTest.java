package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.A1;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.C;
import static io.meseta.core.allocation.Fixtures.NO_FILTER;
import static io.meseta.core.allocation.Fixtures.ONE_HOUR;
import static io.meseta.core.allocation.Fixtures.at;
import static io.meseta.core.allocation.Fixtures.ids;
import static io.meseta.core.allocation.Fixtures.r;
import static io.meseta.core.allocation.Fixtures.who;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claims: room made by preemption goes to the framework it was made for. Every case runs FCFS
 * with a, b, c subscribed in that order, so without a claim a (then b) would get anything freed;
 * a holds the whole agent (cpus:4;mem:4000) and c claims cpus:2;mem:2000 of it until t=10.
 */
class AllocatorClaimsTest {
  private Allocator allocator;

  @BeforeEach
  void aHoldsTheAgentAndCClaimsHalfOfIt() {
    allocator = new Allocator(AllocatorConfig.defaults(), "M1", new FcfsSorter());
    Fixtures.addAgent(allocator, A1, "cpus:4;mem:4000");
    allocator.addFramework(A, "*");
    allocator.addFramework(B, "*");
    allocator.addFramework(C, "*");
    List<Offer> first = allocator.allocate(at(0));
    assertThat(who(first)).containsExactly("a1->fw-a");
    allocator.accept(A, ids(first.get(0)));
    allocator.claim(new Claim(A1, C, "*", r("cpus:2;mem:2000"), at(10)));
  }

  private void aFrees(String resources, double when) {
    allocator.recover(A, A1, r(resources), NO_FILTER, at(when));
  }

  @Test
  void theAgentIsHeldUntilTheClaimIsCoveredThenTheClaimantIsOfferedFirst() {
    aFrees("cpus:1;mem:1000", 1);
    // Half the room is back: offering it to a (first in FCFS) would undo the preemption.
    assertThat(allocator.allocate(at(1))).isEmpty();
    aFrees("cpus:1;mem:1000", 2);
    List<Offer> offers = allocator.allocate(at(2));
    assertThat(who(offers)).containsExactly("a1->fw-c");
    assertThat(offers.get(0).resources()).isEqualTo(r("cpus:2;mem:2000"));
    assertThat(allocator.claims()).isEmpty();
  }

  @Test
  void afterTheClaimIsServedTheNormalOrderResumes() {
    aFrees("cpus:2;mem:2000", 1);
    assertThat(who(allocator.allocate(at(1)))).containsExactly("a1->fw-c");
    aFrees("cpus:1;mem:1000", 2);
    assertThat(who(allocator.allocate(at(2)))).containsExactly("a1->fw-a");
  }

  @Test
  void aLapsedClaimReleasesWhatItHeldToTheNormalOrder() {
    aFrees("cpus:1;mem:1000", 1);
    assertThat(allocator.allocate(at(1))).isEmpty();
    // The victims never all ended: at t=10 the claim lapses and a, first in FCFS, gets the part.
    assertThat(who(allocator.allocate(at(10)))).containsExactly("a1->fw-a");
    assertThat(allocator.claims()).isEmpty();
  }

  @Test
  void aClaimantThatTakesNoOffersLosesItsClaim() {
    allocator.suppress(C);
    aFrees("cpus:2;mem:2000", 1);
    assertThat(who(allocator.allocate(at(1)))).containsExactly("a1->fw-a");
    assertThat(allocator.claims()).isEmpty();
  }

  @Test
  void aRemovedClaimantLosesItsClaim() {
    allocator.removeFramework(C);
    aFrees("cpus:2;mem:2000", 1);
    assertThat(who(allocator.allocate(at(1)))).containsExactly("a1->fw-a");
  }

  @Test
  void theClaimantsOwnRefusalFilterDoesNotBlockItsClaim() {
    // c declined this agent's resources earlier (say, before the preemption was planned).
    aFrees("cpus:4;mem:4000", 1);
    Offer offered = allocator.allocate(at(1)).get(0);
    assertThat(offered.frameworkId()).isEqualTo(C);
    allocator.accept(C, ids(offered));
    allocator.recover(C, A1, r("cpus:4;mem:4000"), ONE_HOUR, at(2));
    allocator.claim(new Claim(A1, C, "*", r("cpus:2;mem:2000"), at(20)));
    assertThat(who(allocator.allocate(at(3)))).containsExactly("a1->fw-c");
  }

  @Test
  void aRemovedAgentTakesItsClaimsWithIt() {
    allocator.removeAgent(A1);
    assertThat(allocator.claims()).isEmpty();
    // A claim on an agent the allocator does not know is ignored.
    allocator.claim(new Claim(A1, C, "*", r("cpus:1"), at(10)));
    assertThat(allocator.claims()).isEmpty();
  }

  @Test
  void whatTheClaimantHoldsOnOfferThereCountsTowardTheClaim() {
    allocator = new Allocator(AllocatorConfig.defaults(), "M1", new FcfsSorter());
    Fixtures.addAgent(allocator, A1, "cpus:4;mem:4000");
    allocator.addFramework(A, "*");
    allocator.addFramework(C, "*");
    allocator.accept(A, ids(allocator.allocate(at(0)).get(0)));
    // a frees a quarter and refuses it, so c gets it on offer and keeps holding it.
    aFrees("cpus:1;mem:1000", 1);
    allocator.decline(A, ids(allocator.allocate(at(1)).get(0)), ONE_HOUR, at(1));
    assertThat(who(allocator.allocate(at(1)))).containsExactly("a1->fw-c");
    allocator.claim(new Claim(A1, C, "*", r("cpus:2;mem:2000"), at(10)));
    // Free cpus:1 plus c's offer of cpus:1 cover the claim: the free part goes to c at once.
    aFrees("cpus:1;mem:1000", 2);
    assertThat(who(allocator.allocate(at(2)))).containsExactly("a1->fw-c");
    assertThat(allocator.claims()).isEmpty();
  }

  @Test
  void claimsOnOneAgentAreServedOldestFirst() {
    allocator.claim(new Claim(A1, B, "*", r("cpus:1;mem:1000"), at(10)));
    aFrees("cpus:2;mem:2000", 1);
    assertThat(who(allocator.allocate(at(1)))).containsExactly("a1->fw-c");
    aFrees("cpus:1;mem:1000", 2);
    assertThat(who(allocator.allocate(at(2)))).containsExactly("a1->fw-b");
  }
}
