package io.meseta.loadtest;

import io.meseta.loadtest.metrics.MasterSampler;
import io.meseta.master.MasterConfig;
import io.meseta.master.MasterNode;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The master a scenario drives: a {@link MasterNode} started in this JVM on its own Vert.x (so its threads can
 * be told apart from the generator's), or a running master named by {@code --master}.
 */
final class MasterUnderTest implements AutoCloseable {
  final String host;
  final int port;
  final MasterSampler sampler;
  private final Vertx vertx;
  private final MasterNode node;

  private MasterUnderTest(String host, int port, MasterSampler sampler, Vertx vertx, MasterNode node) {
    this.host = host;
    this.port = port;
    this.sampler = sampler;
    this.vertx = vertx;
    this.node = node;
  }

  static MasterUnderTest of(ScenarioOptions options) throws Exception {
    if (options.master != null) {
      String[] hostPort = options.master.split(":");
      return new MasterUnderTest(hostPort[0], Integer.parseInt(hostPort[1]),
          MasterSampler.process(options.masterPid), null, null);
    }
    MasterConfig config = MasterConfig.defaults()
        .withHost("127.0.0.1")
        .withPort(0)
        .withAllocationInterval(Duration.ofMillis(options.allocationIntervalMillis))
        .withAgentTimeouts(Duration.ofMillis(options.pingMillis), MasterConfig.defaults().maxMissedPings());
    Vertx vertx = Vertx.vertx();
    MasterNode node = MasterNode.start(vertx, config).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    return new MasterUnderTest("127.0.0.1", node.port(), MasterSampler.inJvm(threadsOf(vertx)), vertx, node);
  }

  boolean inJvm() {
    return node != null;
  }

  /** The ids of the threads of every event loop (and the acceptor) of {@code vertx}. */
  private static Set<Long> threadsOf(Vertx vertx) throws Exception {
    Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    VertxInternal internal = (VertxInternal) vertx;
    Set<EventExecutor> executors = new HashSet<>();
    internal.eventLoopGroup().forEach(executors::add);
    internal.acceptorEventLoopGroup().forEach(executors::add);
    for (EventExecutor executor : executors) {
      executor.submit(() -> ids.add(Thread.currentThread().getId())).get(10, TimeUnit.SECONDS);
    }
    return ids;
  }

  @Override
  public void close() throws Exception {
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
