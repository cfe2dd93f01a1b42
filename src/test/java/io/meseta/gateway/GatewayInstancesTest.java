package io.meseta.gateway;

import static io.meseta.gateway.HttpSchedulerWireTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.master.MasterNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A master with two gateway instances sharing the port. Vert.x hands new connections to the
 * instances in turn, so of several consecutive connections some land on the instance that does
 * not hold the framework's event stream: what must work for the node as a whole is checked over
 * several connections each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayInstancesTest {
  private static final String JSON = "Content-Type: application/json";
  private static final int CONNECTIONS = 4;
  private final Vertx vertx = Vertx.vertx();
  private MasterNode master;

  @BeforeAll
  void start() throws Exception {
    master = await(MasterNode.start(vertx,
        HttpSchedulerWireTest.config().withGatewayInstances(2)));
  }

  @AfterAll
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void httpSchedulerCallsOnAnyConnectionReachTheFrameworkAndItsStream() throws Exception {
    try (MesosStream stream = MesosStream.subscribe(master.port(), subscribe(), JSON)) {
      String fw = stream.next().getSubscribed().getFrameworkId().getValue();
      String streamId = "Mesos-Stream-Id: " + stream.streamId();
      for (int i = 0; i < CONNECTIONS; i++) {
        try (RawHttp http = new RawHttp(master.port())) {
          assertThat(http.post(MesosStream.PATH, call("REVIVE", fw, ""), JSON, streamId).status())
              .as("REVIVE on connection %d", i).isEqualTo(202);
          RawHttp.Response wrong =
              http.post(MesosStream.PATH, call("REVIVE", fw, ""), JSON, "Mesos-Stream-Id: other");
          assertThat(wrong.status()).isEqualTo(400);
          assertThat(wrong.body()).contains("didn't match the stream ID");
          // The answer is an event: it must reach the stream whichever instance holds it.
          assertThat(http.post(MesosStream.PATH, call("RECONCILE_OPERATIONS", fw,
              ",\"reconcile_operations\":{\"operations\":[{\"operation_id\":{\"value\":\"op-" + i
                  + "\"}}]}"), JSON, streamId).status()).isEqualTo(202);
        }
        Event unknown = stream.next(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS);
        assertThat(unknown.getUpdateOperationStatus().getStatus().getState())
            .isEqualTo(OperationState.OPERATION_UNKNOWN);
        assertThat(unknown.getUpdateOperationStatus().getStatus().getOperationId().getValue())
            .isEqualTo("op-" + i);
      }
      try (RawHttp http = new RawHttp(master.port())) {
        assertThat(http.post(MesosStream.PATH, call("TEARDOWN", fw, ""), JSON, streamId).status())
            .isEqualTo(202);
      }
      stream.awaitEnd();
    }
  }

  @Test
  void operatorEventStreamSubscribersAreCountedForTheWholeNode() throws Exception {
    List<RawHttp> streams = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        RawHttp http = new RawHttp(master.port());
        streams.add(http);
        http.request("POST", "/api/v1", "{\"type\":\"SUBSCRIBE\"}".getBytes(), JSON,
            "Accept: application/json");
        assertThat(http.readHead().status()).isEqualTo(200);
      }
      // Read from connections of either instance: each sees every subscriber of the node.
      for (int i = 0; i < CONNECTIONS; i++) {
        try (RawHttp http = new RawHttp(master.port())) {
          http.request("GET", "/metrics/snapshot", null);
          JsonObject metrics = new JsonObject(http.readResponse().body());
          assertThat(metrics.getDouble("master/operator_event_stream_subscribers"))
              .isEqualTo((double) CONNECTIONS);
        }
      }
    } finally {
      for (RawHttp http : streams) {
        http.close();
      }
    }
  }

  private static String subscribe() {
    return "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"test\","
        + "\"name\":\"http\"}}}";
  }

  private static String call(String type, String frameworkId, String rest) {
    return "{\"type\":\"" + type + "\",\"framework_id\":{\"value\":\"" + frameworkId + "\"}"
        + rest + "}";
  }
}
