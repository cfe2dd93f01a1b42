package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.agent.AgentConfig;
import io.meseta.agent.AgentVerticle;
import io.meseta.master.MasterNode;
import io.meseta.master.state.MemoryStateStore;
import io.meseta.protocol.ResourcesProto;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static and dynamic reservations as frameworks see them on a real master with real agents:
 * reserved resources are offered to their role only, RESERVE and UNRESERVE in an ACCEPT convert
 * the offer (later operations of the call see the conversion), bad ones are refused with the
 * reason and change nothing, and reservations outlive the master.
 */
class ReservationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir
  Path work;

  @Test
  void aStaticReservationIsOfferedOnlyToItsRole() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus(analytics):4;cpus:2;mem:1024", work);
        RawScheduler other = new RawScheduler(cluster.vertx, cluster.master.port());
        RawScheduler analytics = new RawScheduler(cluster.vertx, cluster.master.port())) {
      subscribe(other, "other", "*", "");
      // The only framework, yet it is not offered what is reserved for "analytics".
      assertThat(text(nextOffer(other))).isEqualTo("cpus:2;mem:1024");

      subscribe(analytics, "analytics", "analytics",
          ",\"capabilities\":[{\"type\":\"RESERVATION_REFINEMENT\"}]");
      Offer reserved = nextOffer(analytics);
      assertThat(text(reserved)).isEqualTo("cpus(analytics):4");
      // Refined form for a RESERVATION_REFINEMENT framework: a STATIC reservation, no 'role'.
      Resource cpus = reserved.getResources(0);
      assertThat(cpus.getReservationsList()).containsExactly(ReservationInfo.newBuilder()
          .setType(ReservationInfo.Type.STATIC).setRole("analytics").build());
      assertThat(cpus.hasRole()).isFalse();
      // Not MULTI_ROLE: Mesos leaves allocation_info out.
      assertThat(cpus.hasAllocationInfo()).isFalse();
      assertThat(reserved.hasAllocationInfo()).isFalse();
      assertThat(agentState(cluster).getJsonObject("reserved_resources").getJsonObject("analytics")
          .getDouble("cpus")).isEqualTo(4.0);
    }
  }

  @Test
  void reserveConvertsTheOfferForLaterOperationsAndUnreserveGivesItBack() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:4;mem:1024", work);
        RawScheduler ads = new RawScheduler(cluster.vertx, cluster.master.port())) {
      String fw = subscribe(ads, "ads", "ads", ",\"principal\":\"p1\"");
      Offer offer = nextOffer(ads);
      assertThat(text(offer)).isEqualTo("cpus:4;mem:1024");
      String agent = offer.getAgentId().getValue();
      // RESERVE in the pre-refinement form for cpus, the refined form for mem; the LAUNCH
      // after it uses reserved resources, which only the RESERVE made.
      ads.send(accept(fw, offer, reserveOp("RESERVE", preRefinement("cpus", 3, "ads", "p1")
          + "," + refined("mem", 256, "ads", "p1")) + "," + launch("t1", agent, "ads")));
      // What is offered next is what the task left of the reserved resources.
      Offer rest = nextOffer(ads);
      assertThat(text(rest)).isEqualTo("cpus:1;cpus(ads):2;mem:768;mem(ads):224");
      Awaits.until("t1 to run", WAIT, () -> cluster.state().getJsonArray("frameworks")
          .getJsonObject(0).getJsonArray("tasks").getJsonObject(0).getString("state")
          .equals("TASK_RUNNING"));
      Resource reservedCpus = rest.getResourcesList().stream()
          .filter(r -> r.getName().equals("cpus") && r.getRole().equals("ads")).findFirst()
          .orElseThrow();
      assertThat(reservedCpus.getReservation().getPrincipal()).isEqualTo("p1");
      assertThat(agentState(cluster).getJsonObject("reserved_resources").getJsonObject("ads")
          .getMap()).containsEntry("cpus", 3.0).containsEntry("mem", 256.0);

      // Partial UNRESERVE: the task keeps its reserved share.
      ads.send(accept(fw, rest, reserveOp("UNRESERVE", refined("cpus", 2, "ads", "p1")
          + "," + refined("mem", 224, "ads", "p1"))));
      assertThat(text(nextOffer(ads))).isEqualTo("cpus:3;mem:992");
      assertThat(agentState(cluster).getJsonObject("reserved_resources").getJsonObject("ads")
          .getMap()).containsEntry("cpus", 1.0).containsEntry("mem", 32.0);
    }
  }

  @Test
  void aBadReserveIsRefusedWithTheReasonAndChangesNothing() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:4;mem:1024", work);
        RawScheduler ads = new RawScheduler(cluster.vertx, cluster.master.port())) {
      String fw = subscribe(ads, "ads", "ads", "");
      ads.send(accept(fw, nextOffer(ads),
          reserveOp("RESERVE", preRefinement("cpus", 10, "ads", "p1"))));
      assertThat(error(ads)).contains("asks for more than the offer", "Nothing was reserved");
      ads.send(accept(fw, nextOffer(ads),
          reserveOp("RESERVE", preRefinement("cpus", 1, "other", "p1"))));
      assertThat(error(ads)).contains("role 'other'", "only for the role of the offer");
      ads.send(accept(fw, nextOffer(ads), reserveOp("UNRESERVE", refined("cpus", 1, "ads", "p1"))));
      assertThat(error(ads)).contains("the offer does not hold it");

      assertThat(text(nextOffer(ads))).isEqualTo("cpus:4;mem:1024");
      assertThat(agentState(cluster).getJsonObject("reserved_resources")).isEmpty();
    }
  }

  @Test
  void anOperatorReservesAndUnreservesOverTheV1Api() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:4;mem:1024", work)) {
      OperatorHttp http = new OperatorHttp(cluster.masterAddress());
      String agent = agentState(cluster).getString("id");
      HttpResponse<byte[]> reserved = http.postJson("/api/v1", operatorCall("RESERVE_RESOURCES",
          agent, refined("cpus", 2, "dev", "ops")));
      assertThat(reserved.statusCode()).as(body(reserved)).isEqualTo(200);
      assertThat(agentState(cluster).getJsonObject("reserved_resources").getJsonObject("dev")
          .getDouble("cpus")).isEqualTo(2.0);
      try (RawScheduler dev = new RawScheduler(cluster.vertx, cluster.master.port())) {
        subscribe(dev, "dev", "dev", "");
        Offer offer = nextOffer(dev);
        assertThat(text(offer)).isEqualTo("cpus:2;cpus(dev):2;mem:1024");
        assertThat(offer.getResourcesList().stream().filter(r -> r.getRole().equals("dev"))
            .map(r -> r.getReservation().getPrincipal())).containsExactly("ops");
      }

      HttpResponse<byte[]> tooMuch = http.postJson("/api/v1", operatorCall(
          "UNRESERVE_RESOURCES", agent, refined("cpus", 3, "dev", "ops")));
      assertThat(tooMuch.statusCode()).isEqualTo(400);
      assertThat(body(tooMuch)).contains("UNRESERVE of 'cpus(dev):3'", "nothing was changed");
      HttpResponse<byte[]> unreserved = http.postJson("/api/v1", operatorCall(
          "UNRESERVE_RESOURCES", agent, refined("cpus", 2, "dev", "ops")));
      assertThat(unreserved.statusCode()).as(body(unreserved)).isEqualTo(200);
      assertThat(agentState(cluster).getJsonObject("reserved_resources")).isEmpty();
    }
  }

  @Test
  void reservationsAreKeptAcrossAMasterRestart() throws Exception {
    MemoryStateStore store = new MemoryStateStore();
    int secondPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      secondPort = probe.getLocalPort();
    }
    Vertx first = Vertx.vertx();
    Vertx second = Vertx.vertx();
    Vertx agents = Vertx.vertx();
    try {
      MasterNode leader = TestCluster.await(
          MasterNode.start(first, TestCluster.fastConfig(), store, 1));
      TestCluster.await(AgentVerticle.deploy(agents, AgentConfig.builder(
              List.of("127.0.0.1:" + leader.port(), "127.0.0.1:" + secondPort), work)
          .hostname("127.0.0.1").bindHost("127.0.0.1").port(0).resources("cpus:4;mem:1024")
          .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500)).build()));
      try (RawScheduler ads = new RawScheduler(first, leader.port())) {
        String fw = subscribe(ads, "ads", "ads", ",\"principal\":\"p1\"");
        ads.send(accept(fw, nextOffer(ads),
            reserveOp("RESERVE", preRefinement("cpus", 3, "ads", "p1"))));
        assertThat(text(nextOffer(ads))).isEqualTo("cpus:1;cpus(ads):3;mem:1024");
      }
      TestCluster.await(first.close());

      MasterNode successor = TestCluster.await(MasterNode.start(second,
          TestCluster.fastConfig().withPort(secondPort), store, 2));
      try (RawScheduler ads = new RawScheduler(second, successor.port())) {
        subscribe(ads, "ads again", "ads", ",\"principal\":\"p1\"");
        // The agent re-registers with the new master, which re-applies the reservation.
        Offer offer = nextOffer(ads);
        assertThat(text(offer)).isEqualTo("cpus:1;cpus(ads):3;mem:1024");
        assertThat(offer.getResourcesList().stream().filter(r -> r.getRole().equals("ads"))
            .map(r -> r.getReservation().getPrincipal())).containsExactly("p1");
      }
    } finally {
      TestCluster.await(agents.close());
      TestCluster.await(second.close());
    }
  }

  private static String subscribe(RawScheduler raw, String name, String role, String extra)
      throws Exception {
    raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"test\","
        + "\"name\":\"" + name + "\",\"role\":\"" + role + "\"" + extra + "}}}");
    Event subscribed = raw.next(WAIT);
    assertThat(subscribed.getType()).as("%s", subscribed).isEqualTo(Event.Type.SUBSCRIBED);
    return subscribed.getSubscribed().getFrameworkId().getValue();
  }

  private static Offer nextOffer(RawScheduler raw) throws InterruptedException {
    return raw.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS).getOffers().getOffers(0);
  }

  private static String error(RawScheduler raw) throws InterruptedException {
    return raw.nextMatching(WAIT, e -> e.getType() == Event.Type.ERROR).getError().getMessage();
  }

  /** The offer in the Mesos text form, e.g. "cpus:1;cpus(ads):3": reservations by role. */
  private static String text(Offer offer) {
    return ResourcesProto.fromProto(offer.getResourcesList()).toText();
  }

  private static JsonObject agentState(TestCluster cluster) throws Exception {
    return cluster.state().getJsonArray("slaves").getJsonObject(0);
  }

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String operatorCall(String type, String agent, String resources) {
    return "{\"type\":\"" + type + "\",\"" + type.toLowerCase() + "\":{\"agent_id\":{\"value\":\""
        + agent + "\"},\"resources\":[" + resources + "]}}";
  }

  private static String accept(String fw, Offer offer, String operations) {
    return "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"" + fw + "\"},\"accept\":{"
        + "\"offer_ids\":[{\"value\":\"" + offer.getId().getValue() + "\"}],"
        + "\"operations\":[" + operations + "],\"filters\":{\"refuse_seconds\":0}}}";
  }

  private static String reserveOp(String type, String resources) {
    return "{\"type\":\"" + type + "\",\"" + type.toLowerCase() + "\":{\"resources\":["
        + resources + "]}}";
  }

  private static String preRefinement(String name, double value, String role,
      String principal) {
    return "{\"name\":\"" + name + "\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + value
        + "},\"role\":\"" + role + "\",\"reservation\":{\"principal\":\"" + principal + "\"}}";
  }

  private static String refined(String name, double value, String role, String principal) {
    return "{\"name\":\"" + name + "\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + value
        + "},\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"" + role
        + "\",\"principal\":\"" + principal + "\"}]}";
  }

  private static String launch(String id, String agent, String role) {
    return "{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[{\"name\":\"" + id + "\","
        + "\"task_id\":{\"value\":\"" + id + "\"},\"agent_id\":{\"value\":\"" + agent + "\"},"
        + "\"command\":{\"value\":\"sleep 30\"},\"resources\":["
        + "{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},\"role\":\"" + role
        + "\"},{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32},\"role\":\""
        + role + "\"}]}]}}";
  }
}
