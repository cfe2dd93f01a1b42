package io.meseta.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A clustered master node in a JVM of its own ({@code io.meseta.Main master --cluster
 * conf/hazelcast.yaml}), on 127.0.0.1, in a cluster whose name and member ports the test picks,
 * so a test can kill it (SIGKILL) or pause it (SIGSTOP) the way a machine fails.
 */
public final class ForkedMaster implements AutoCloseable {
  /** The flags Hazelcast asks for on Java 17 (as in the surefire argLine). */
  static final List<String> ADD_OPENS = List.of(
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  final int httpPort;
  final Path log;
  private final Process process;
  private volatile boolean paused;

  /**
   * @param settings a meseta.yaml (fast timeouts for tests)
   * @param firstMemberPort the cluster's first Hazelcast port; members take the next ones
   */
  ForkedMaster(String clusterName, int firstMemberPort, int httpPort, Path settings, Path log)
      throws IOException {
    this.httpPort = httpPort;
    this.log = log;
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx384m");
    command.addAll(ADD_OPENS);
    command.addAll(List.of(
        "-Dmeseta.cluster.name=" + clusterName,
        "-Dmeseta.cluster.port=" + firstMemberPort,
        "-cp", System.getProperty("java.class.path"),
        "io.meseta.Main", "master",
        "--cluster", Path.of("conf", "hazelcast.yaml").toAbsolutePath().toString(),
        "--config", settings.toString(),
        "--host", "127.0.0.1", "--hostname", "127.0.0.1",
        "--port", Integer.toString(httpPort)));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  public String address() {
    return "127.0.0.1:" + httpPort;
  }

  long pid() {
    return process.pid();
  }

  /** Running and not paused: it can answer. */
  public boolean alive() {
    return process.isAlive() && !paused;
  }

  /** Where this node says the leader is ({@code GET /redirect}), if it can say. */
  Optional<String> leaderSeen() {
    try {
      HttpResponse<Void> response = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://" + address() + "/redirect"))
              .timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 307
          ? response.headers().firstValue("Location").map(l -> l.replaceFirst("^//", ""))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * True when this node leads and has recovered: its Mesos scheduler endpoint judges a call
   * (400 for an empty one) instead of answering 503 (no leader, or still recovering) or 307.
   */
  public boolean serving() {
    try {
      HttpResponse<Void> response = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://" + address() + "/api/v1/scheduler"))
              .timeout(Duration.ofSeconds(1))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: the node vanishes mid-flight. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  void pause() throws Exception {
    paused = true;
    signal("STOP");
  }

  void resume() throws Exception {
    signal("CONT");
    paused = false;
  }

  private void signal(String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start()
        .waitFor(5, TimeUnit.SECONDS);
  }

  public String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws Exception {
    kill();
  }
}
