package io.meseta.loadtest.bench;

import io.meseta.core.model.StatusSource;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import io.meseta.protocol.ResourcesProto;
import io.meseta.protocol.SchedulerEvents;
import io.meseta.protocol.TaskStatuses;
import io.meseta.protocol.agent.AgentCodec;
import io.meseta.protocol.agent.AgentMessage;
import io.meseta.protocol.agent.TaskStatusReport;
import io.meseta.protocol.json.MesosJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON codec on the hot path: {@link MesosJson} encode and decode of an OFFERS event of 10 offers (shaped as
 * the master builds them: ids, hostname, url, allocation info, resources with a port range, one attribute) and of
 * an UPDATE event; and the agent protocol's STATUS_UPDATE frame ({@link AgentCodec}), which every task sends
 * at least twice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  private Event offers;
  private String offersJson;
  private Event update;
  private String updateJson;
  private AgentMessage.StatusUpdate statusUpdate;
  private String statusUpdateJson;

  @Setup
  public void build() {
    List<Protos.Offer> list = new ArrayList<>();
    Resources resources = Resources.parse("cpus:24;mem:4096;disk:4096;ports:[31000-32000]");
    for (int i = 0; i < 10; i++) {
      String host = "agent-host-" + i;
      list.add(Protos.Offer.newBuilder()
          .setId(Protos.OfferID.newBuilder().setValue("5f3c1a2e-0b4d-4c1e-9a77-2f1d3c4b5a69-O" + i))
          .setFrameworkId(Protos.FrameworkID.newBuilder().setValue("5f3c1a2e-0b4d-4c1e-9a77-2f1d3c4b5a69-0001"))
          .setAgentId(Protos.AgentID.newBuilder().setValue("5f3c1a2e-0b4d-4c1e-9a77-2f1d3c4b5a69-S" + i))
          .setHostname(host)
          .setUrl(Protos.URL.newBuilder().setScheme("http")
              .setAddress(Protos.Address.newBuilder().setHostname(host).setPort(5051)).setPath("/slave(1)"))
          .setAllocationInfo(Protos.Resource.AllocationInfo.newBuilder().setRole("*"))
          .addAllResources(ResourcesProto.toProto(resources, "*"))
          .addAttributes(Protos.Attribute.newBuilder().setName("rack").setType(Protos.Value.Type.TEXT)
              .setText(Protos.Value.Text.newBuilder().setValue("r1")))
          .build());
    }
    offers = SchedulerEvents.offers(list);
    offersJson = MesosJson.print(offers);
    TaskStatusReport report = new TaskStatusReport("5f3c1a2e-0b4d-4c1e-9a77-2f1d3c4b5a69-0001", "web-12345",
        "5f3c1a2e-0b4d-4c1e-9a77-2f1d3c4b5a69-S3", TaskState.TASK_RUNNING, null, StatusSource.SOURCE_EXECUTOR,
        null, 1735732800.125, "q83vEjRWeJCrze8SNFZ4kA==");
    update = SchedulerEvents.update(TaskStatuses.fromAgent(report));
    updateJson = MesosJson.print(update);
    statusUpdate = new AgentMessage.StatusUpdate(report);
    statusUpdateJson = AgentCodec.encode(statusUpdate);
  }

  @Benchmark
  public String encodeOffers() {
    return MesosJson.print(offers);
  }

  @Benchmark
  public Event decodeOffers() {
    return MesosJson.parse(offersJson, Event.getDefaultInstance());
  }

  @Benchmark
  public String encodeUpdate() {
    return MesosJson.print(update);
  }

  @Benchmark
  public Event decodeUpdate() {
    return MesosJson.parse(updateJson, Event.getDefaultInstance());
  }

  @Benchmark
  public String encodeAgentStatusUpdate() {
    return AgentCodec.encode(statusUpdate);
  }

  @Benchmark
  public AgentMessage decodeAgentStatusUpdate() {
    return AgentCodec.decode(statusUpdateJson);
  }

  /** The encoded OFFERS event, for checking that the fixture is what it claims. */
  public String offersJson() {
    return offersJson;
  }
}
