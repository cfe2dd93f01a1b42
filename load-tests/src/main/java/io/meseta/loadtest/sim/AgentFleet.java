package io.meseta.loadtest.sim;

import io.meseta.loadtest.metrics.Measurements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Thousands of {@link SimulatedAgent}s. Each loopback source address (127.0.0.2, 127.0.0.3, ...) has its own
 * client and carries at most {@link #AGENTS_PER_SOURCE_ADDRESS} sockets, so the ephemeral ports of one address
 * (about 28,000 here) never run out. Connections are opened a bounded number at a time, so the master's accept
 * backlog does not overflow.
 */
public final class AgentFleet {
  /** Below the 28,232 ephemeral ports of the default range, leaving room for other sockets. */
  public static final int AGENTS_PER_SOURCE_ADDRESS = 20_000;
  private static final int CONNECTING_AT_ONCE = 256;

  private final Vertx vertx;
  private final String masterHost;
  private final int masterPort;
  private final String resources;
  private final Measurements measurements;
  private final AgentDirectory directory;
  private final long retryMillis;
  private final EventLoops loops;
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final List<SimulatedAgent> agents = new ArrayList<>();
  private int created;

  public AgentFleet(Vertx vertx, EventLoops loops, String masterHost, int masterPort, String resources,
      Measurements measurements, AgentDirectory directory, long retryMillis) {
    this.loops = loops;
    this.vertx = vertx;
    this.masterHost = masterHost;
    this.masterPort = masterPort;
    this.resources = resources;
    this.measurements = measurements;
    this.directory = directory;
    this.retryMillis = retryMillis;
  }

  /** Connects and registers {@code count} more agents; blocks until all registered or {@code timeoutMillis}. */
  public List<SimulatedAgent> add(int count, long timeoutMillis) throws Exception {
    List<SimulatedAgent> added = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (int from = 0; from < count; from += CONNECTING_AT_ONCE) {
      List<Future<String>> wave = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + CONNECTING_AT_ONCE); i++) {
        SimulatedAgent agent = new SimulatedAgent(vertx, "sim-agent-" + created, resources, measurements,
            directory, retryMillis);
        WebSocketClient client = clientFor(created);
        wave.add(loops.start(() -> agent.start(client, masterHost, masterPort)));
        created++;
        added.add(agent);
      }
      long left = deadline - System.nanoTime();
      try {
        Future.all(wave).toCompletionStage().toCompletableFuture().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("only " + directory.size() + " of " + (agents.size() + count)
            + " agents registered within " + timeoutMillis + " ms; lower --agents or raise --connect-timeout-ms");
      }
    }
    agents.addAll(added);
    return added;
  }

  /** Disconnects the {@code count} oldest agents, as agents leaving the cluster. */
  public void removeOldest(int count) {
    int n = Math.min(count, agents.size());
    for (int i = 0; i < n; i++) {
      agents.remove(0).stop();
    }
  }

  public int size() {
    return agents.size();
  }

  /** Disconnects every agent and closes the clients; waits up to {@code timeoutMillis}. */
  public void stop(long timeoutMillis) throws Exception {
    List<Future<Void>> closing = new ArrayList<>();
    agents.forEach(agent -> closing.add(agent.stop()));
    agents.clear();
    clients.forEach(client -> closing.add(client.close()));
    CompletableFuture<?> all = Future.join(closing).toCompletionStage().toCompletableFuture();
    try {
      all.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Some sockets were already closed by the master; nothing left to do for them.
    }
  }

  private WebSocketClient clientFor(int index) {
    int address = index / AGENTS_PER_SOURCE_ADDRESS;
    while (clients.size() <= address) {
      String source = "127.0.0." + (2 + clients.size());
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
          .setLocalAddress(source)
          .setMaxConnections(AGENTS_PER_SOURCE_ADDRESS * 2)
          .setConnectTimeout(30_000)));
    }
    return clients.get(address);
  }
}
