package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.gateway.security.RateLimits;
import io.meseta.gateway.security.SecuritySettings;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master with small rate limits and connection caps, flooded from 127.0.0.2 (another address
 * on the loopback): the flood gets 429s, 503s and dropped messages, while a
 * framework on 127.0.0.1 keeps launching tasks to TASK_FINISHED.
 */
class RateLimitsTest {
  private static final String FLOODER = "127.0.0.2";
  private static final int HTTP_BURST = 20;
  private static final int CONNECTIONS = 20;
  private static final byte[] HEALTH = "GET /health HTTP/1.1\r\nHost: master\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII);

  @TempDir
  static Path work;

  static TestCluster cluster;
  private static int frameworks;

  @BeforeAll
  static void start() throws Exception {
    RateLimits rates = RateLimits.defaults()
        .withHttpRate(10, HTTP_BURST)
        .withWebSocketRate(20, 20)
        .withConnections(CONNECTIONS, 1000);
    cluster = TestCluster.start(TestCluster.fastConfig().withGatewayInstances(1)
        .withSecurity(SecuritySettings.defaults().withRates(rates)), 1, "cpus:2;mem:512", work);
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aRequestFloodGets429WithRetryAfterWhileAnotherFrameworkRunsTasks() throws Exception {
    try (Socket socket = flooderSocket()) {
      StringBuilder requests = new StringBuilder();
      for (int i = 0; i < HTTP_BURST * 3; i++) {
        requests.append("GET /health HTTP/1.1\r\nHost: master\r\n\r\n");
      }
      socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
      String answers = readUntil(socket.getInputStream(), "limits.http_requests_per_second");
      assertThat(answers).contains("HTTP/1.1 429").contains("Retry-After: ")
          .contains("Too many requests from address " + FLOODER);
      runsATask();
    }
  }

  @Test
  void aConnectionFloodIsRefusedWhileAnotherFrameworkRunsTasks() throws Exception {
    List<Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        // Vert.x counts a connection once its first request has arrived: each sends one.
        Socket socket = flooderSocket();
        flood.add(socket);
        socket.getOutputStream().write(HEALTH);
        readUntil(socket.getInputStream(), "\r\n\r\n");
      }
      try (Socket excess = flooderSocket()) {
        excess.getOutputStream().write(HEALTH);
        assertThat(readUntil(excess.getInputStream(), "max_connections_per_address"))
            .contains("HTTP/1.1 503").contains("Too many connections from " + FLOODER);
      }
      runsATask();
    } finally {
      for (Socket socket : flood) {
        socket.close();
      }
    }
  }

  @Test
  void aWebSocketMessageFloodIsDroppedWithAnErrorEventNamingTheLimit() throws Exception {
    WebSocket socket = TestCluster.await(cluster.vertx.createWebSocketClient().connect(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(cluster.master.port())
            .setURI("/api/v1/scheduler/ws")));
    CompletableFuture<String> limited = new CompletableFuture<>();
    socket.textMessageHandler(text -> {
      if (text.contains("limits.websocket_messages_per_second")) {
        limited.complete(text);
      }
    });
    for (int i = 0; i < 200; i++) {
      socket.writeTextMessage("{\"type\":\"HEARTBEAT\"}");
    }
    assertThat(limited.get(10, TimeUnit.SECONDS)).contains("\"type\":\"ERROR\"")
        .contains("Message dropped");
    socket.close();
    runsATask();
  }

  private static void runsATask() throws Exception {
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("served-" + frameworks++, 0, false))) {
      framework.start();
      framework.submit("t", "true");
      framework.awaitState("t", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
    }
  }

  private static Socket flooderSocket() throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(FLOODER), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", cluster.master.port()), 5000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Reads until {@code marker} has arrived, or the stream ends. */
  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder read = new StringBuilder();
    byte[] buffer = new byte[8192];
    int n;
    while (!read.toString().contains(marker) && (n = in.read(buffer)) > 0) {
      read.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
    }
    return read.toString();
  }
}
