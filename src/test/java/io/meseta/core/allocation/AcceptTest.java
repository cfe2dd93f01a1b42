package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.A1;
import static io.meseta.core.allocation.Fixtures.A2;
import static io.meseta.core.allocation.Fixtures.A3;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.NO_FILTER;
import static io.meseta.core.allocation.Fixtures.T0;
import static io.meseta.core.allocation.Fixtures.addAgent;
import static io.meseta.core.allocation.Fixtures.allocator;
import static io.meseta.core.allocation.Fixtures.ids;
import static io.meseta.core.allocation.Fixtures.r;
import static io.meseta.core.allocation.Fixtures.who;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.allocation.AcceptResult.Accepted;
import io.meseta.core.allocation.AcceptResult.Rejected;
import io.meseta.core.model.OfferId;
import io.meseta.core.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AcceptTest {

  private static final OfferId A_ON_A1 = OfferId.of("M1-O0");
  private static final OfferId A_ON_A2 = OfferId.of("M1-O1");
  private static final OfferId B_ON_A3 = OfferId.of("M1-O2");
  private static final OfferId UNKNOWN = OfferId.of("M1-O99");

  private final Allocator allocator = allocator();

  @BeforeEach
  void twoOffersToAOneToB() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    addAgent(allocator, A2, "cpus:2;mem:2048");
    allocator.addFramework(A, "*");
    // A alone: a1 and a2 both go to A (A = 6/6 = 1.0)
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a", "a2->fw-a");
    allocator.addFramework(B, "*");
    addAgent(allocator, A3, "cpus:1;mem:1024");
    // a3: B (0) < A
    assertThat(who(allocator.allocate(T0))).containsExactly("a3->fw-b");
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of("no offer ids", List.of(), RejectReason.NO_OFFERS, List.of()),
        Arguments.of("the same offer twice", List.of(A_ON_A1, A_ON_A1), RejectReason.DUPLICATE_OFFER, List.of(A_ON_A1)),
        Arguments.of("an unknown offer", List.of(A_ON_A1, UNKNOWN), RejectReason.UNKNOWN_OFFER, List.of(A_ON_A1)),
        Arguments.of("another framework's offer", List.of(A_ON_A1, B_ON_A3), RejectReason.NOT_YOUR_OFFER, List.of(A_ON_A1)),
        Arguments.of("unknown outranks foreign", List.of(B_ON_A3, UNKNOWN), RejectReason.UNKNOWN_OFFER, List.of()),
        Arguments.of("offers on two agents", List.of(A_ON_A1, A_ON_A2), RejectReason.DIFFERENT_AGENTS,
            List.of(A_ON_A1, A_ON_A2)));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("rejections")
  void invalid_accepts_are_rejected_and_the_callers_valid_offers_discarded(
      String name, List<OfferId> offerIds, RejectReason reason, List<OfferId> discarded) {
    AcceptResult result = allocator.accept(A, offerIds);

    assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
      assertThat(rejected.reason()).isEqualTo(reason);
      assertThat(rejected.message()).isNotBlank();
    });
    for (OfferId id : List.of(A_ON_A1, A_ON_A2, B_ON_A3)) {
      assertThat(allocator.offer(id).isPresent()).as("offer %s outstanding", id).isEqualTo(!discarded.contains(id));
    }
    // Discarded resources are free again and nothing stays allocated for them.
    Resources stillOfferedToA = Resources.EMPTY;
    for (OfferId id : List.of(A_ON_A1, A_ON_A2)) {
      if (!discarded.contains(id)) {
        stillOfferedToA = stillOfferedToA.plus(allocator.offer(id).orElseThrow().resources());
      }
    }
    assertThat(allocator.allocated(A)).isEqualTo(stillOfferedToA);
    assertThat(allocator.offer(B_ON_A3)).isPresent();
  }

  @Test
  void discarded_offers_are_not_filtered() {
    allocator.accept(A, List.of(A_ON_A1, A_ON_A2));
    // total cpus:7 mem:7168; A holds nothing now (0), B = 1/7 = 0.143
    // a1: A (0) < B -> A, no filter in the way; A = 4/7 = 0.571
    // a2: B (0.143) < A (0.571) -> B
    assertThat(who(allocator.allocate(T0))).containsExactly("a1->fw-a", "a2->fw-b");
  }

  @Test
  void an_accepted_offer_stays_allocated_until_recovered() {
    Offer offer = allocator.offer(A_ON_A1).orElseThrow();

    AcceptResult result = allocator.accept(A, List.of(A_ON_A1));

    assertThat(result).isEqualTo(new Accepted(A1, r("cpus:4;mem:4096")));
    assertThat(allocator.offer(A_ON_A1)).isEmpty();
    assertThat(allocator.offered(A)).isEqualTo(r("cpus:2;mem:2048"));
    assertThat(allocator.allocated(A)).isEqualTo(r("cpus:6;mem:6144"));
    assertThat(allocator.free(A1)).isEqualTo(Resources.EMPTY);
    assertThat(allocator.allocate(T0)).isEmpty();
    allocator.recover(A, A1, offer.resources(), NO_FILTER, T0);
    assertThat(allocator.free(A1)).isEqualTo(offer.resources());
  }

  @Test
  void an_accepted_offer_cannot_be_used_again() {
    allocator.accept(A, List.of(A_ON_A1));
    assertThat(allocator.accept(A, List.of(A_ON_A1)))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_OFFER));
  }

  @Test
  void offers_on_the_same_agent_are_merged() {
    Allocator fresh = allocator();
    fresh.addAgent(A1, r("cpus:4;mem:4096"), Map.of(A, r("cpus:1;mem:1024")));
    fresh.addFramework(A, "*");
    Offer first = fresh.allocate(T0).get(0);
    fresh.recover(A, A1, r("cpus:1;mem:1024"), NO_FILTER, T0);
    Offer second = fresh.allocate(T0).get(0);
    assertThat(first.resources()).isEqualTo(r("cpus:3;mem:3072"));
    assertThat(second.resources()).isEqualTo(r("cpus:1;mem:1024"));

    assertThat(fresh.accept(A, ids(first, second))).isEqualTo(new Accepted(A1, r("cpus:4;mem:4096")));
    assertThat(fresh.offers()).isEmpty();
  }
}
