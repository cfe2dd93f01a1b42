package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.protocol.ResourcesProto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MULTI_ROLE framework on a real master with real agents: it is offered resources in each of
 * its roles, every offer and resource says its role in {@code allocation_info}, and it launches
 * in each role; a launch naming another role than the offer's is refused.
 */
class MultiRoleTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir
  Path work;

  @Test
  void aMultiRoleFrameworkIsOfferedInEachRoleAndLaunchesInEach() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, "cpus:1;mem:256", work);
        RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      String fw = subscribe(raw, "{\"user\":\"test\",\"name\":\"multi\","
          + "\"roles\":[\"web\",\"batch\"],\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}");
      // Two agents, two roles, each role with share 0 first: one agent per role.
      Map<String, Offer> byRole = new HashMap<>();
      while (byRole.size() < 2) {
        Event offers = raw.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS);
        offers.getOffers().getOffersList()
            .forEach(o -> byRole.put(o.getAllocationInfo().getRole(), o));
      }
      assertThat(byRole.keySet()).containsExactlyInAnyOrder("web", "batch");
      for (Map.Entry<String, Offer> entry : byRole.entrySet()) {
        assertThat(entry.getValue().getResourcesList()).allSatisfy(r ->
            assertThat(r.getAllocationInfo().getRole()).isEqualTo(entry.getKey()));
        assertThat(ResourcesProto.fromProto(entry.getValue().getResourcesList()).toText())
            .isEqualTo("cpus:1;mem:256");
      }

      raw.send(accept(fw, byRole.get("web"), task("in-web", byRole.get("web"), "web")));
      // Resources of the batch offer, but marked for web: refused, as Mesos does.
      raw.send(accept(fw, byRole.get("batch"), task("wrong-role", byRole.get("batch"), "web")
          + "," + task("in-batch", byRole.get("batch"), "batch").replace("0.5", "0.25")));
      Map<String, TaskStatus> last = new HashMap<>();
      Awaits.until(() -> "in-web and in-batch running, wrong-role refused: " + last, WAIT, () -> {
        for (Event e = raw.events.poll(); e != null; e = raw.events.poll()) {
          if (e.getType() == Event.Type.UPDATE) {
            last.put(e.getUpdate().getStatus().getTaskId().getValue(), e.getUpdate().getStatus());
          }
        }
        return stateOf(last, "in-web") == TaskState.TASK_RUNNING
            && stateOf(last, "in-batch") == TaskState.TASK_RUNNING
            && stateOf(last, "wrong-role") == TaskState.TASK_ERROR;
      });
      assertThat(last.get("wrong-role").getMessage())
          .contains("allocated to role 'web'", "offer was made for role 'batch'");
    }
  }

  @Test
  void suppressedRolesGetNoOffersAndSuppressNamesOnlyTheFrameworksRoles() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, "cpus:1;mem:256", work);
        RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"test\","
          + "\"name\":\"multi\",\"roles\":[\"web\",\"batch\"],"
          + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]},\"suppressed_roles\":[\"batch\"]}}");
      Event subscribed = raw.next(WAIT);
      assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
      String fw = subscribed.getSubscribed().getFrameworkId().getValue();
      // batch is suppressed: web, alone, is offered both agents.
      int offered = 0;
      while (offered < 2) {
        for (Offer offer : raw.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS)
            .getOffers().getOffersList()) {
          assertThat(offer.getAllocationInfo().getRole()).isEqualTo("web");
          offered++;
        }
      }
      raw.send("{\"type\":\"SUPPRESS\",\"framework_id\":{\"value\":\"" + fw + "\"},"
          + "\"suppress\":{\"roles\":[\"ops\"]}}");
      assertThat(raw.nextMatching(WAIT, e -> e.getType() == Event.Type.ERROR).getError()
          .getMessage()).contains("names roles [ops] the framework is not subscribed to");
    }
  }

  @Test
  void updateFrameworkChangesTheRolesOffersAreMadeFor() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:1;mem:256", work);
        RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      String info = "\"user\":\"test\",\"name\":\"multi\","
          + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]";
      String fw = subscribe(raw, "{" + info + ",\"roles\":[\"web\"]}");
      Offer web = raw.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS).getOffers()
          .getOffers(0);
      assertThat(web.getAllocationInfo().getRole()).isEqualTo("web");

      raw.send("{\"type\":\"UPDATE_FRAMEWORK\",\"framework_id\":{\"value\":\"" + fw + "\"},"
          + "\"update_framework\":{\"framework_info\":{" + info + ",\"id\":{\"value\":\"" + fw
          + "\"},\"roles\":[\"batch\"]}}}");
      // web is gone: its offer is rescinded, and the agent is offered to batch instead.
      assertThat(raw.nextMatching(WAIT, e -> e.getType() == Event.Type.RESCIND).getRescind()
          .getOfferId()).isEqualTo(web.getId());
      assertThat(raw.nextMatching(WAIT, e -> e.getType() == Event.Type.OFFERS).getOffers()
          .getOffers(0).getAllocationInfo().getRole()).isEqualTo("batch");
    }
  }

  @Test
  void rolesAndRoleFollowMesosRulesAtSubscribe() throws Exception {
    try (TestCluster cluster = TestCluster.start(1, "cpus:1;mem:256", work)) {
      assertThat(refusal(cluster, "{\"user\":\"t\",\"name\":\"n\",\"roles\":[\"a\"]}"))
          .contains("'framework_info.roles' needs the MULTI_ROLE capability");
      assertThat(refusal(cluster, "{\"user\":\"t\",\"name\":\"n\",\"role\":\"a\","
          + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}"))
          .contains("'framework_info.role' must not be set");
      assertThat(refusal(cluster, "{\"user\":\"t\",\"name\":\"n\",\"roles\":[\"a\",\"a\"],"
          + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}"))
          .contains("lists role 'a' twice");
    }
  }

  private static TaskState stateOf(Map<String, TaskStatus> last, String task) {
    return last.containsKey(task) ? last.get(task).getState() : null;
  }

  private static String refusal(TestCluster cluster, String frameworkInfo) throws Exception {
    try (RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":" + frameworkInfo
          + "}}");
      Event event = raw.next(WAIT);
      assertThat(event.getType()).as("%s", event).isEqualTo(Event.Type.ERROR);
      return event.getError().getMessage();
    }
  }

  private static String subscribe(RawScheduler raw, String frameworkInfo) throws Exception {
    raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":" + frameworkInfo
        + "}}");
    Event subscribed = raw.next(WAIT);
    assertThat(subscribed.getType()).as("%s", subscribed).isEqualTo(Event.Type.SUBSCRIBED);
    return subscribed.getSubscribed().getFrameworkId().getValue();
  }

  private static String accept(String fw, Offer offer, String tasks) {
    return "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"" + fw + "\"},\"accept\":{"
        + "\"offer_ids\":[{\"value\":\"" + offer.getId().getValue() + "\"}],"
        + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[" + tasks + "]}}],"
        + "\"filters\":{\"refuse_seconds\":0}}}";
  }

  private static String task(String id, Offer offer, String role) {
    String allocation = ",\"allocation_info\":{\"role\":\"" + role + "\"}";
    return "{\"name\":\"" + id + "\",\"task_id\":{\"value\":\"" + id + "\"},"
        + "\"agent_id\":{\"value\":\"" + offer.getAgentId().getValue() + "\"},"
        + "\"command\":{\"value\":\"sleep 30\"},\"resources\":["
        + "{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.5}" + allocation + "},"
        + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32}" + allocation + "}]}";
  }
}
