package io.meseta.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a real {@code meseta master} (the command the compose masters run, in a JVM
 * of its own so that its Vert.x meters are on, as in production) serves at {@code /metrics}.
 */
final class ScrapedMaster {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private ScrapedMaster() {}

  static Set<String> metricNames() throws Exception {
    Process master = new ProcessBuilder(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"),
        "io.meseta.Main", "master", "--port", "0", "--host", "127.0.0.1"))
        .redirectErrorStream(true)
        .start();
    try {
      int port = portFrom(master);
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest scrape = HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      // The first scrape is an HTTP request, so the second also shows the HTTP server's meters.
      http.send(scrape, HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "/metrics answered " + response.statusCode() + ": " + response.body());
      }
      Set<String> names = new TreeSet<>();
      for (String line : response.body().split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.split("[{ ]", 2)[0]);
        }
      }
      return names;
    } finally {
      master.destroy();
      if (!master.waitFor(20, TimeUnit.SECONDS)) {
        master.destroyForcibly();
      }
    }
  }

  /** Reads the master's output until it says where it listens (draining the rest meanwhile). */
  private static int portFrom(Process master) throws Exception {
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(master.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      seen.append(line).append('\n');
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        Thread drain = new Thread(() -> drain(lines), "scraped-master-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(listening.group(1));
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    throw new AssertionError("meseta master did not say where it listens within " + START_LIMIT
        + "; it printed:\n" + seen);
  }

  private static void drain(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // keeps the master from blocking on a full pipe
      }
    } catch (IOException e) {
      // the master stopped; nothing more to read
    }
  }
}
