package io.meseta.core.allocation;

import static io.meseta.core.allocation.Fixtures.A;
import static io.meseta.core.allocation.Fixtures.A1;
import static io.meseta.core.allocation.Fixtures.A2;
import static io.meseta.core.allocation.Fixtures.A3;
import static io.meseta.core.allocation.Fixtures.A4;
import static io.meseta.core.allocation.Fixtures.B;
import static io.meseta.core.allocation.Fixtures.NO_FILTER;
import static io.meseta.core.allocation.Fixtures.T0;
import static io.meseta.core.allocation.Fixtures.addAgent;
import static io.meseta.core.allocation.Fixtures.allocator;
import static io.meseta.core.allocation.Fixtures.ids;
import static io.meseta.core.allocation.Fixtures.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MULTI_ROLE frameworks: each (framework, role) is a client of its own, with its own DRF share,
 * offers made for one role, filters and suppression per role.
 */
class AllocatorMultiRoleTest {

  private final Allocator allocator = allocator();

  /** "agent->framework/role" in the order of the run. */
  private static List<String> whoAs(List<Offer> offers) {
    return offers.stream().map(o -> o.agentId() + "->" + o.frameworkId() + "/" + o.role())
        .toList();
  }

  @Test
  void each_role_of_a_multi_role_framework_competes_with_its_own_share() {
    for (var agent : List.of(A1, A2, A3, A4)) {
      addAgent(allocator, agent, "cpus:4;mem:4096");
    }
    allocator.addFramework(A, List.of("x", "y"), true);
    allocator.addFramework(B, "z");
    // total cpus:16; clients "fw-a as x", "fw-a as y", "fw-b" (ties broken by count, then id)
    // a1: all 0 -> fw-a/x; fw-a/x = 4/16 = 0.25
    // a2: fw-a/y 0 = fw-b 0, both never chosen -> fw-a/y by id; fw-a/y = 0.25
    // a3: fw-b 0 -> fw-b; fw-b = 0.25
    // a4: all 0.25, all chosen once -> fw-a/x by id; fw-a/x = 0.5
    // As in Mesos, two roles weigh twice: the framework holds 3/4 of the cluster.
    assertThat(whoAs(allocator.allocate(T0))).containsExactly(
        "a1->fw-a/x", "a2->fw-a/y", "a3->fw-b/z", "a4->fw-a/x");
    assertThat(allocator.dominantShare(A, "x")).isCloseTo(0.5, within(1e-9));
    assertThat(allocator.dominantShare(A, "y")).isCloseTo(0.25, within(1e-9));
    assertThat(allocator.dominantShare(A)).isCloseTo(0.5, within(1e-9));
    assertThat(allocator.allocated(A)).isEqualTo(r("cpus:12;mem:12288"));
  }

  @Test
  void a_roles_reservation_goes_to_that_roles_client_in_the_same_run() {
    addAgent(allocator, A1, "cpus:1;cpus(y):3;mem:100");
    allocator.addFramework(A, List.of("x", "y"), true);
    // fw-a/x comes first (id) and may use the unreserved part only; the reservation for y goes on
    // to fw-a/y: two offers to one framework, one per role.
    List<Offer> offers = allocator.allocate(T0);
    assertThat(whoAs(offers)).containsExactly("a1->fw-a/x", "a1->fw-a/y");
    assertThat(offers.get(0).resources()).isEqualTo(r("cpus:1;mem:100"));
    assertThat(offers.get(1).resources()).isEqualTo(r("cpus(y):3"));
    // One ACCEPT combines offers of one role only (Mesos' validation).
    assertThat(allocator.accept(A, ids(offers.get(0), offers.get(1))))
        .isInstanceOfSatisfying(AcceptResult.Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.DIFFERENT_ROLES));
  }

  @Test
  void suppress_and_revive_act_on_the_listed_roles_only() {
    for (var agent : List.of(A1, A2)) {
      addAgent(allocator, agent, "cpus:4;mem:4096");
    }
    allocator.addFramework(A, List.of("x", "y"), true);
    allocator.suppress(A, List.of("x"));
    // Only fw-a/y asks for offers: it gets both agents.
    assertThat(whoAs(allocator.allocate(T0))).containsExactly("a1->fw-a/y", "a2->fw-a/y");

    allocator.suppress(A, List.of());
    addAgent(allocator, A3, "cpus:4;mem:4096");
    assertThat(allocator.allocate(T0)).as("every role suppressed").isEmpty();

    allocator.revive(A, List.of("x"));
    assertThat(whoAs(allocator.allocate(T0))).containsExactly("a3->fw-a/x");
  }

  @Test
  void what_a_role_accepted_is_recovered_from_that_role() {
    addAgent(allocator, A1, "cpus:4;mem:4096");
    allocator.addFramework(A, List.of("x", "y"), true);
    Offer offer = allocator.allocate(T0).get(0);
    assertThat(offer.role()).isEqualTo("x");
    AcceptResult.Accepted accepted = (AcceptResult.Accepted) allocator.accept(A, ids(offer));
    assertThat(accepted.role()).isEqualTo("x");
    allocator.recover(A, "x", A1, r("cpus:3;mem:3072"), NO_FILTER, T0);
    // x holds cpus:1 of 4 (0.25); a task ending without saying its role is found in x as well.
    assertThat(allocator.dominantShare(A, "x")).isCloseTo(0.25, within(1e-9));
    allocator.recover(A, A1, r("cpus:1;mem:1024"), NO_FILTER, T0);
    assertThat(allocator.dominantShare(A, "x")).isZero();
    assertThat(allocator.free(A1)).isEqualTo(r("cpus:4;mem:4096"));
  }

  @Test
  void updating_the_roles_rescinds_a_removed_roles_offers_and_adds_new_roles() {
    addAgent(allocator, A1, "cpus:1;cpus(y):3");
    allocator.addFramework(A, List.of("x", "y"), true);
    allocator.allocate(T0);
    List<Offer> rescinded = allocator.updateRoles(A, List.of("x", "z"));
    assertThat(whoAs(rescinded)).containsExactly("a1->fw-a/y");
    assertThat(allocator.roles(A)).containsExactly("x", "z");
    // The reservation for y has no taker now; z gets nothing of it.
    assertThat(allocator.allocate(T0)).isEmpty();
    assertThat(allocator.free(A1)).isEqualTo(r("cpus(y):3"));
  }

  @Test
  void a_framework_without_multi_role_has_exactly_one_role() {
    assertThatThrownBy(() -> allocator.addFramework(A, List.of("x", "y"), false))
        .hasMessageContaining("exactly one role");
  }
}
