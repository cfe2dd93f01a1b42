package io.meseta.loadtest.fuzz;

import io.meseta.gateway.security.JsonMutator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The framework WebSocket, {@code /api/v1/scheduler/ws}. Even workers subscribe a framework first and
 * then send mutated calls carrying its real framework id and the ids of the offers and agents it was
 * last offered, so that mutations reach the services (and, unmutated, really launch tasks); odd
 * workers fuzz an unsubscribed connection, mostly with SUBSCRIBE calls. Sessions acknowledge every
 * update like a live framework.
 */
final class SchedulerSocketFuzzer extends SocketFuzzer {
  private static final Set<String> UNSOLICITED = Set.of("HEARTBEAT", "OFFERS", "RESCIND", "UPDATE",
      "INVERSE_OFFERS", "RESCIND_INVERSE_OFFER", "MESSAGE", "FAILURE", "UPDATE_OPERATION_STATUS");
  static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{"
      + "\"user\":\"fuzz\",\"name\":\"fuzz-ws\",\"roles\":[\"*\"],\"capabilities\":[{\"type\":"
      + "\"MULTI_ROLE\"}],\"failover_timeout\":0}}}";
  private static final List<String> SUBSCRIBED_SEEDS = List.of(
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"KILL\",\"kill\":{\"task_id\":{\"value\":"
          + "\"t1\"},\"agent_id\":{\"value\":\"A\"}}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"REVIVE\",\"revive\":{\"roles\":[\"*\"]}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"SUPPRESS\",\"suppress\":{\"roles\":[\"*\"]}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"REQUEST\",\"request\":{\"requests\":[{"
          + "\"agent_id\":{\"value\":\"A\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
          + "\"scalar\":{\"value\":1}}]}]}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"TEARDOWN\"}");

  SchedulerSocketFuzzer(FuzzCluster cluster) {
    super("scheduler WebSocket", "/api/v1/scheduler/ws", cluster);
  }

  @Override
  Session newSession(int worker) {
    return new FrameworkSession(worker % 2 == 0);
  }

  @Override
  String answerLabel(Session session, String frame) {
    String type;
    try {
      type = new JsonObject(frame).getString("type", "?");
    } catch (RuntimeException e) {
      return "undecodable event";
    }
    FrameworkSession framework = (FrameworkSession) session;
    if (type.equals("SUBSCRIBED")) {
      framework.subscribed(new JsonObject(frame));
      return framework.opening ? null : type;
    }
    return UNSOLICITED.contains(type) ? null : type;
  }

  /** A framework connection; remembers its id and its latest offer. */
  final class FrameworkSession extends Session {
    private final boolean subscribeFirst;
    volatile boolean opening;
    private volatile String frameworkId = "F";
    private volatile String offerId = "O1";
    private volatile String agentId = "A";

    FrameworkSession(boolean subscribeFirst) {
      this.subscribeFirst = subscribeFirst;
    }

    @Override
    Future<Void> open() {
      if (!subscribeFirst) {
        return Future.succeededFuture();
      }
      opening = true;
      return openWith(SUBSCRIBE);
    }

    void subscribed(JsonObject event) {
      frameworkId = event.getJsonObject("subscribed").getJsonObject("framework_id")
          .getString("value");
      opening = false;
      opened.tryComplete();
    }

    @Override
    byte[] input(Random random) {
      List<String> seeds = JsonMutator.SCHEDULER_CALLS;
      String seed = random.nextInt(4) == 0
          ? SUBSCRIBED_SEEDS.get(random.nextInt(SUBSCRIBED_SEEDS.size()))
          : seeds.get(random.nextInt(seeds.size()));
      if (!subscribeFirst && random.nextInt(3) != 0) {
        seed = seeds.get(0);
      }
      seed = seed.replace("{\"value\":\"F\"}", "{\"value\":\"" + frameworkId + "\"}")
          .replace("{\"value\":\"O1\"}", "{\"value\":\"" + offerId + "\"}")
          .replace("\"agent_id\":{\"value\":\"A\"}", "\"agent_id\":{\"value\":\"" + agentId + "\"}")
          .replace("sleep 1", "true");
      return random.nextInt(20) == 0 ? Mutator.randomBytes(random) : Mutator.mutateJson(seed, random);
    }

    @Override
    void unsolicited(String frame) {
      JsonObject event = new JsonObject(frame);
      String type = event.getString("type", "");
      if (type.equals("OFFERS")) {
        JsonArray offers = event.getJsonObject("offers").getJsonArray("offers", new JsonArray());
        if (!offers.isEmpty()) {
          JsonObject offer = offers.getJsonObject(offers.size() - 1);
          offerId = offer.getJsonObject("id").getString("value");
          agentId = offer.getJsonObject("agent_id").getString("value");
        }
      } else if (type.equals("UPDATE")) {
        JsonObject status = event.getJsonObject("update").getJsonObject("status");
        if (status.containsKey("uuid")) {
          socket.writeTextMessage(new JsonObject().put("framework_id",
                  new JsonObject().put("value", frameworkId)).put("type", "ACKNOWLEDGE")
              .put("acknowledge", new JsonObject().put("agent_id", status.getJsonObject("agent_id"))
                  .put("task_id", status.getJsonObject("task_id"))
                  .put("uuid", status.getString("uuid"))).encode());
        }
      }
    }
  }
}
