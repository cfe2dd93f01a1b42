package io.meseta.loadtest;

import io.meseta.core.resources.Resources;
import io.meseta.loadtest.metrics.MasterSampler;
import io.meseta.loadtest.metrics.Measurements;
import io.meseta.loadtest.sim.AgentDirectory;
import io.meseta.loadtest.sim.AgentFleet;
import io.meseta.loadtest.sim.EventLoops;
import io.meseta.loadtest.sim.FrameworkSettings;
import io.meseta.loadtest.sim.SimulatedFramework;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario end to end: a master (in this JVM, or {@code --master}), the simulated agents, then the
 * frameworks, a warm-up, the measured window, and an orderly stop. Blocks the calling thread; everything
 * simulated runs on the generator's own Vert.x event loops.
 */
public final class ScenarioRunner {
  private final Scenario scenario;
  private final ScenarioOptions options;
  private final PrintStream log;
  private final Measurements measurements = new Measurements();
  private final List<SimulatedFramework> frameworks = new ArrayList<>();
  private int frameworkCount;

  public ScenarioRunner(Scenario scenario, ScenarioOptions options, PrintStream log) {
    options.validate();
    this.scenario = scenario;
    this.options = options;
    this.log = log;
  }

  public ScenarioResult run() throws Exception {
    Vertx generator = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.generatorThreads));
    try (MasterUnderTest master = MasterUnderTest.of(options)) {
      log.printf("master at %s:%d (%s)%n", master.host, master.port, master.inJvm() ? "in this JVM" : "remote");
      AgentDirectory directory = new AgentDirectory(measurements);
      EventLoops loops = new EventLoops(generator, options.generatorThreads);
      AgentFleet fleet = new AgentFleet(generator, loops, master.host, master.port, options.agentResources,
          measurements, directory, options.retryMillis);
      WebSocketClient frameworkClient = generator.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(10_000).setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
      try {
        long started = System.nanoTime();
        fleet.add(options.agents, options.connectTimeoutMillis);
        log.printf("%d agents registered in %.1f s%n", directory.size(), (System.nanoTime() - started) / 1e9);
        FrameworkSettings settings = new FrameworkSettings(Resources.parse(options.taskResources),
            options.taskMillis(scenario), options.maxTasksPerOffer, options.refuseSeconds);
        addFrameworks(options.frameworks, settings, directory, frameworkClient, master, loops);
        log.printf("%d frameworks subscribed; warming up %d s%n", frameworks.size(), options.warmupSeconds());
        TimeUnit.SECONDS.sleep(options.warmupSeconds());
        measurements.reset();
        master.sampler.start();
        long windowStart = System.nanoTime();
        measure(fleet, settings, directory, frameworkClient, master, loops);
        double window = (System.nanoTime() - windowStart) / 1e9;
        Measurements.Snapshot histograms = measurements.drain();
        MasterSampler.Usage usage = master.sampler.stop();
        return new ScenarioResult(scenario, options, master.inJvm(), directory.size(), window, measurements,
            histograms, usage);
      } finally {
        Future.join(frameworks.stream().map(SimulatedFramework::teardown).toList())
            .toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(30, TimeUnit.SECONDS);
        fleet.stop(30_000);
        frameworkClient.close();
      }
    } finally {
      generator.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private void measure(AgentFleet fleet, FrameworkSettings settings, AgentDirectory directory,
      WebSocketClient client, MasterUnderTest master, EventLoops loops) throws Exception {
    if (scenario != Scenario.CHURN) {
      TimeUnit.SECONDS.sleep(options.seconds);
      return;
    }
    // Each second: the oldest agents leave and as many new ones register; every few seconds the oldest
    // framework tears down and a new one subscribes.
    for (int second = 1; second <= options.seconds; second++) {
      long tick = System.nanoTime();
      int replace = Math.min(options.churnAgentsPerSecond(), fleet.size());
      fleet.removeOldest(replace);
      fleet.add(replace, options.connectTimeoutMillis);
      if (second % options.churnFrameworkEverySeconds == 0) {
        frameworks.remove(0).teardown();
        addFrameworks(1, settings, directory, client, master, loops);
      }
      long left = TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - tick);
      if (left > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
    }
  }

  private void addFrameworks(int count, FrameworkSettings settings, AgentDirectory directory,
      WebSocketClient client, MasterUnderTest master, EventLoops loops) throws Exception {
    List<Future<String>> subscribing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SimulatedFramework framework =
          new SimulatedFramework("sim-fw-" + frameworkCount++, settings, measurements, directory);
      frameworks.add(framework);
      subscribing.add(loops.start(() -> framework.start(client, master.host, master.port)));
    }
    Future.all(subscribing).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
