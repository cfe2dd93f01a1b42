package io.meseta.master.allocation;

import io.meseta.core.allocation.Offer;
import io.meseta.master.bus.Messages.AgentDescriptor;
import io.meseta.protocol.ResourcesProto;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;

/** Builds the Mesos {@code Offer} a framework receives (reference/mesos-api.md §9.11). */
final class OfferProtos {
  private OfferProtos() {}

  static Protos.Offer of(Offer offer, AgentDescriptor agent, String role) {
    Protos.Offer.Builder b = Protos.Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue(offer.id().value()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(offer.frameworkId().value()))
        .setAgentId(AgentID.newBuilder().setValue(offer.agentId().value()))
        .setHostname(agent.hostname())
        .setUrl(URL.newBuilder()
            .setScheme("http")
            .setAddress(Address.newBuilder().setHostname(agent.hostname()).setPort(agent.port()))
            .setPath("/slave(1)"))
        .setAllocationInfo(Protos.Resource.AllocationInfo.newBuilder().setRole(role))
        .addAllResources(ResourcesProto.toProto(offer.resources(), role));
    agent.attributes().forEach((name, value) -> b.addAttributes(Attribute.newBuilder()
        .setName(name)
        .setType(Value.Type.TEXT)
        .setText(Value.Text.newBuilder().setValue(value))));
    return b.build();
  }
}
