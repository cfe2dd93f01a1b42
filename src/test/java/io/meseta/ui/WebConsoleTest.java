package io.meseta.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meseta.e2e.ClusterFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real browser: {@code ui-tests/console.test.mjs} drives Debian's headless
 * Chromium (through playwright-core) against a real master and agent. Skipped, saying why, on a
 * machine without Chromium or without {@code npm ci} run in {@code ui-tests/}.
 */
class WebConsoleTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path UI_TESTS = Path.of("ui-tests");
  private static final Duration BROWSER_LIMIT = Duration.ofSeconds(90);
  private static final String TASK_ID = "console-echo";
  private static final String TASK_OUTPUT = "hello from the console test";

  @TempDir
  Path work;

  @Test
  void overviewTotalsPlotsLiveTasksAndSandboxStdout() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "web console test skipped: " + CHROMIUM
        + " is missing; install it with 'apt-get install -y chromium' (see .ci/run)");
    assumeTrue(Files.isDirectory(UI_TESTS.resolve("node_modules/playwright-core")),
        "web console test skipped: ui-tests/node_modules is missing; run"
            + " '(cd ui-tests && npm ci)' (see .ci/run)");
    try (ClusterFixture cluster =
        ClusterFixture.start(1, "cpus:2;mem:1024;disk:2048;ports:[31000-31010]", work)) {
      Process node = new ProcessBuilder("node", UI_TESTS.resolve("console.test.mjs").toString(),
          cluster.masterUrl(),
          "--expect", "{\"cpus\":2,\"mem\":1024,\"disk\":2048}",
          "--task-id", TASK_ID, "--task-output", TASK_OUTPUT)
          .redirectErrorStream(true)
          .start();
      List<String> output = new CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> follow(node, output, cluster), "console-test-output");
      reader.start();
      boolean exited = node.waitFor(BROWSER_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!exited) {
        node.descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(5_000);
      assertThat(exited).as("browser test finished within %s; it printed:%n%s", BROWSER_LIMIT,
          String.join("\n", output)).isTrue();
      assertThat(node.exitValue()).as("browser test exit code; it printed:%n%s",
          String.join("\n", output)).isZero();
      assertThat(output).contains("PASS");
      // the console's file proxy reads sandboxes only, and says so
      assertThat(status(cluster, "/agent-files/any/read?path=sandboxes/../meta/agent.json"))
          .isEqualTo(400);
      assertThat(status(cluster, "/agent-files/no-such-agent/read?path=sandboxes/f/t/stdout"))
          .isEqualTo(404);
    }
  }

  private static int status(ClusterFixture cluster, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(cluster.masterUrl() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Collects the script's lines and launches the task once the tasks page is open. */
  private static void follow(Process node, List<String> output, ClusterFixture cluster) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        if (line.equals("READY_FOR_TASK")) {
          // runs a while, so the overview's utilisation plot records it allocated
          cluster.launch(TASK_ID, "echo '" + TASK_OUTPUT + "'; sleep 2");
        }
      }
    } catch (IOException e) {
      output.add("(reading the browser test's output failed: " + e.getMessage() + ")");
    } catch (Exception e) {
      output.add("(launching " + TASK_ID + " failed: " + e + ")");
    }
  }
}
