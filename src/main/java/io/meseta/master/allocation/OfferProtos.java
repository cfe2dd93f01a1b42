package io.meseta.master.allocation;

import io.meseta.core.allocation.Offer;
import io.meseta.core.resources.Reservations;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import io.meseta.master.bus.Messages.AgentDescriptor;
import io.meseta.protocol.ResourcesProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;

/** Builds the Mesos {@code Offer} a framework receives (reference/mesos-api.md §9.11). */
final class OfferProtos {
  private OfferProtos() {}

  /**
   * How offers are written for one framework: the agent's dynamic reservations and each role's
   * reservation, whether the framework reads the refined reservation format, and whether it is
   * MULTI_ROLE (only those see {@code allocation_info}, as in Mesos).
   */
  record ReservationView(Resources dynamic, Function<String, Optional<ReservationInfo>> infoOf,
      boolean refinement, boolean multiRole) {
  }

  static Protos.Offer of(Offer offer, AgentDescriptor agent, ReservationView view) {
    Protos.Offer.Builder b = Protos.Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue(offer.id().value()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(offer.frameworkId().value()))
        .setAgentId(AgentID.newBuilder().setValue(offer.agentId().value()))
        .setHostname(agent.hostname())
        .setUrl(URL.newBuilder()
            .setScheme("http")
            .setAddress(Address.newBuilder().setHostname(agent.hostname()).setPort(agent.port()))
            .setPath("/slave(1)"))
        .addAllResources(resources(offer.resources(), offer.role(), view));
    if (view.multiRole()) {
      b.setAllocationInfo(Protos.Resource.AllocationInfo.newBuilder().setRole(offer.role()));
    }
    agent.attributes().forEach((name, value) -> b.addAttributes(Attribute.newBuilder()
        .setName(name)
        .setType(Value.Type.TEXT)
        .setText(Value.Text.newBuilder().setValue(value))));
    return b.build();
  }

  /**
   * The offered resources with their reservations described as Mesos does: the refined {@code
   * reservations} stack for frameworks with RESERVATION_REFINEMENT, else the pre-refinement
   * {@code role} plus, for dynamic ones, {@code reservation}. A role's reserved quantity that is
   * partly dynamic goes out as two resources, the static part and the dynamic part.
   */
  @SuppressWarnings("deprecation") // role and reservation: the pre-refinement format
  static List<Protos.Resource> resources(Resources offered, String allocationRole,
      ReservationView view) {
    Resources dynamicPart = Reservations.dynamicPart(offered, view.dynamic());
    List<Protos.Resource> out = new ArrayList<>();
    if (!view.multiRole()) {
      for (Protos.Resource r : resources(offered, allocationRole, new ReservationView(
          view.dynamic(), view.infoOf(), view.refinement(), true))) {
        out.add(r.toBuilder().clearAllocationInfo().build());
      }
      return out;
    }
    for (Protos.Resource r : ResourcesProto.toProto(offered.minus(dynamicPart), allocationRole)) {
      if (r.getRole().equals(Resource.UNRESERVED)) {
        out.add(view.refinement() ? r.toBuilder().clearRole().build() : r);
      } else if (view.refinement()) {
        out.add(r.toBuilder().clearRole().addReservations(ReservationInfo.newBuilder()
            .setType(ReservationInfo.Type.STATIC).setRole(r.getRole())).build());
      } else {
        out.add(r);
      }
    }
    for (Protos.Resource r : ResourcesProto.toProto(dynamicPart, allocationRole)) {
      ReservationInfo info = view.infoOf().apply(r.getRole())
          .orElse(ReservationInfo.getDefaultInstance()).toBuilder()
          .setType(ReservationInfo.Type.DYNAMIC).setRole(r.getRole()).build();
      if (view.refinement()) {
        out.add(r.toBuilder().clearRole().addReservations(info).build());
      } else {
        ReservationInfo.Builder pre = ReservationInfo.newBuilder();
        if (info.hasPrincipal()) {
          pre.setPrincipal(info.getPrincipal());
        }
        if (info.hasLabels()) {
          pre.setLabels(info.getLabels());
        }
        out.add(r.toBuilder().setReservation(pre).build());
      }
    }
    return out;
  }
}
