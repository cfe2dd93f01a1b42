package io.meseta.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out what this machine can offer when the operator did not say, in Mesos text form.
 * Blocking (file-system query, maybe a child process): call it off the event loop.
 */
public final class ResourceDetector {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceDetector.class);
  private static final long MIB = 1024L * 1024L;
  /** The agent, the OS and page cache need room too; Mesos keeps back the same. */
  private static final long MAX_MEM_RESERVE_MB = 1024;

  static final String DEFAULT_PORTS = "[31000-32000]";

  private ResourceDetector() {}

  /** e.g. {@code cpus:8;mem:31744;disk:480000;ports:[31000-32000];gpus:2} */
  public static String detect(Path workDir) throws IOException {
    Files.createDirectories(workDir);
    StringBuilder text = new StringBuilder();
    text.append("cpus:").append(Runtime.getRuntime().availableProcessors());
    text.append(";mem:").append(memoryMegabytes());
    text.append(";disk:").append(Files.getFileStore(workDir).getUsableSpace() / MIB);
    text.append(";ports:").append(DEFAULT_PORTS);
    gpuCount().filter(n -> n > 0).ifPresent(n -> text.append(";gpus:").append(n));
    return text.toString();
  }

  static long memoryMegabytes() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long totalMb = os.getTotalMemorySize() / MIB; // cgroup-aware: a container's limit
    return totalMb - Math.min(MAX_MEM_RESERVE_MB, totalMb / 2);
  }

  /** Empty when nvidia-smi is not installed or fails: a machine without GPUs is normal. */
  static Optional<Integer> gpuCount() {
    Optional<Path> nvidiaSmi = Executables.find("nvidia-smi");
    if (nvidiaSmi.isEmpty()) {
      return Optional.empty();
    }
    try {
      Process process =
          new ProcessBuilder(
                  nvidiaSmi.get().toString(), "--query-gpu=index", "--format=csv,noheader")
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        LOG.warn("nvidia-smi did not answer within 10 s; offering no GPUs");
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        LOG.warn("nvidia-smi exited with {}; offering no GPUs: {}", process.exitValue(), output);
        return Optional.empty();
      }
      return Optional.of((int) output.lines().filter(line -> !line.isBlank()).count());
    } catch (IOException e) {
      LOG.warn("cannot run nvidia-smi; offering no GPUs", e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
