package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meseta dev} as a user runs it: a process of its own that prints its URL, runs tasks,
 * and on Ctrl-C (SIGTERM here) stops with every task killed.
 */
class DevCommandTest {
  private static final Pattern URL = Pattern.compile("http://[^:]+:(\\d+)");

  @TempDir
  Path work;

  @Test
  void devRunsTasksAndLeavesNothingRunningWhenStopped() throws Exception {
    Process dev = new ProcessBuilder(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"),
        "io.meseta.Main", "dev", "--port", "0", "--agents", "2",
        "--work-dir", work.toString()))
        .redirectErrorStream(true)
        .start();
    Vertx vertx = Vertx.vertx();
    try {
      int port = portFrom(dev);
      TestFramework framework = new TestFramework(vertx, "127.0.0.1:" + port,
          TestFramework.info("dev-user", 3600, false));
      framework.start();
      framework.submit("long", "sleep 600");
      framework.awaitState("long", TaskState.TASK_RUNNING, Duration.ofSeconds(30));
      long sleeperPid = processesUnder(work).get(0).pid();
      // Leave without teardown: the framework may fail over, so its task keeps running.
      TestCluster.await(framework.driver.stop());
      Thread.sleep(500);
      assertThat(ProcessHandle.of(sleeperPid).map(ProcessHandle::isAlive)).contains(true);

      dev.destroy(); // SIGTERM, as Ctrl-C would
      assertThat(dev.waitFor(30, TimeUnit.SECONDS)).as("dev exits").isTrue();
      long pid = sleeperPid;
      Awaits.until("task process gone", Duration.ofSeconds(10),
          () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
      assertThat(processesUnder(work)).isEmpty();
    } finally {
      dev.destroyForcibly();
      processesUnder(work).forEach(ProcessHandle::destroyForcibly);
      TestCluster.await(vertx.close());
    }
  }

  /** Reads dev's output until it prints its URL; keeps draining it afterwards. */
  private static int portFrom(Process dev) throws Exception {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(dev.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher m = URL.matcher(line);
          if (line.contains("dev cluster is up") && m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new AssertionError("dev exited before printing its URL"));
    });
    reader.setDaemon(true);
    reader.start();
    return port.get(60, TimeUnit.SECONDS);
  }

  private static List<ProcessHandle> processesUnder(Path dir) {
    return ProcessHandle.allProcesses().filter(p -> {
      try {
        return Path.of("/proc", Long.toString(p.pid()), "cwd").toRealPath()
            .startsWith(dir.toRealPath());
      } catch (IOException | SecurityException e) {
        return false;
      }
    }).toList();
  }
}
