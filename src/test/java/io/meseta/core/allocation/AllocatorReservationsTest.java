package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.A1;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.NO_FILTER;
import static io.meseta.core.allocation.Fixtures.T0;
import static io.meseta.core.allocation.Fixtures.addAgent;
import static io.meseta.core.allocation.Fixtures.allocator;
import static io.meseta.core.allocation.Fixtures.ids;
import static io.meseta.core.allocation.Fixtures.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.resources.Reservations;
import io.meseta.core.resources.Resources;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Dynamic reservations as the allocator carries them out: converted, then offered to the role. */
class AllocatorReservationsTest {

  private final Allocator allocator = allocator();

  /** A (role "ads") accepts its offer, converts it as {@code operation} says, gives it all back. */
  private void acceptConvertAndReturn(UnaryOperator<Resources> operation) {
    Offer offer = allocator.allocate(T0).get(0);
    AcceptResult.Accepted accepted = (AcceptResult.Accepted) allocator.accept(A, ids(offer));
    Resources after = operation.apply(accepted.resources());
    allocator.convert(A, "ads", A1, accepted.resources(), after);
    allocator.recover(A, A1, after, NO_FILTER, T0);
  }

  @Test
  void a_reservation_changes_the_agent_total_and_is_offered_to_its_role_only() {
    addAgent(allocator, A1, "cpus:4;mem:1024");
    allocator.addFramework(A, "ads");
    acceptConvertAndReturn(offered -> Reservations.reserve(offered, r("cpus(ads):3;mem(ads):512")));
    assertThat(allocator.total(A1)).isEqualTo(r("cpus:1;cpus(ads):3;mem:512;mem(ads):512"));
    allocator.addFramework(B, "*");
    // Both hold nothing (share 0); A was chosen once already, so B comes first, and B's role
    // "*" may use only the unreserved part. The reservation goes on to A in the same run.
    assertThat(Fixtures.who(allocator.allocate(T0))).containsExactly("a1->fw-b", "a1->fw-a");
    assertThat(allocator.offered(B)).isEqualTo(r("cpus:1;mem:512"));
    assertThat(allocator.offered(A)).isEqualTo(r("cpus(ads):3;mem(ads):512"));
  }

  @Test
  void an_unreserve_gives_the_quantities_back_to_everyone() {
    addAgent(allocator, A1, "cpus:4;mem:1024");
    allocator.addFramework(A, "ads");
    acceptConvertAndReturn(offered -> Reservations.reserve(offered, r("cpus(ads):3")));
    acceptConvertAndReturn(offered -> Reservations.unreserve(offered, r("cpus(ads):3")));
    assertThat(allocator.total(A1)).isEqualTo(r("cpus:4;mem:1024"));
    assertThat(allocator.free(A1)).isEqualTo(r("cpus:4;mem:1024"));
  }

  @Test
  void a_conversion_must_keep_quantities() {
    addAgent(allocator, A1, "cpus:4");
    allocator.addFramework(A, "ads");
    Offer offer = allocator.allocate(T0).get(0);
    allocator.accept(A, ids(offer));
    assertThatThrownBy(() -> allocator.convert(A, "ads", A1, r("cpus:4"), r("cpus(ads):5")))
        .hasMessageContaining("keeps quantities");
  }
}
