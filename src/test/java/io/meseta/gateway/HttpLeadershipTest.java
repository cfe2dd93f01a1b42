package io.meseta.gateway;

import static io.meseta.gateway.HttpSchedulerWireTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.gateway.scheduler.Leadership;
import io.meseta.master.MasterIdentity;
import io.meseta.master.bus.Messages;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A gateway that is not the leader answers the scheduler API with 307 to the leader (same path,
 * protocol-relative) or 503, before looking at the request; {@code /redirect} works on every node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpLeadershipTest {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicReference<Leadership.Status> status = new AtomicReference<>();
  private GatewayVerticle gateway;

  @BeforeAll
  void start() throws Exception {
    Messages.registerCodecs(vertx.eventBus());
    gateway = new GatewayVerticle(MasterIdentity.create("follower", 0, 0),
        HttpSchedulerWireTest.config(), status::get);
    await(vertx.deployVerticle(gateway));
  }

  @AfterAll
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void aFollowerRedirectsSchedulerCallsToTheLeader() throws Exception {
    status.set(new Leadership.Following("leader.example", 5050));
    try (RawHttp http = new RawHttp(gateway.actualPort())) {
      RawHttp.Response call = http.post("/master/api/v1/scheduler", "{}",
          "Content-Type: application/json");
      assertThat(call.head().statusLine()).isEqualTo("HTTP/1.1 307 Temporary Redirect");
      assertThat(call.head().headerLines())
          .contains("Location: //leader.example:5050/master/api/v1/scheduler");
      http.request("GET", "/redirect", null);
      assertThat(http.readResponse().head().header("Location")).contains("//leader.example:5050");
    }
  }

  @Test
  void withoutALeaderOrBeforeRecoveryTheAnswerIs503() throws Exception {
    try (RawHttp http = new RawHttp(gateway.actualPort())) {
      status.set(new Leadership.NoLeader());
      RawHttp.Response none = http.post("/api/v1/scheduler", "{}", "Content-Type: application/json");
      assertThat(none.status()).isEqualTo(503);
      assertThat(none.body()).isEqualTo("No leader elected");
      http.request("GET", "/master/redirect", null);
      assertThat(http.readResponse().status()).isEqualTo(503);

      status.set(new Leadership.Recovering());
      RawHttp.Response recovering =
          http.post("/api/v1/scheduler", "{}", "Content-Type: application/json");
      assertThat(recovering.status()).isEqualTo(503);
      assertThat(recovering.body()).isEqualTo("Master has not finished recovery");

      status.set(Leadership.Status.LEADING);
      http.request("GET", "/redirect", null);
      assertThat(http.readResponse().head().header("Location"))
          .contains("//follower:" + gateway.actualPort());
    }
  }
}
