package io.meseta.loadtest.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * CPU and memory of the master under test, sampled at the start and end of the measured window.
 *
 * <p>In-JVM master: CPU is the CPU time of the master's own Vert.x threads (its event loops and acceptor),
 * which excludes the load generator's threads but not the garbage collector, which the whole JVM shares; heap is
 * the JVM heap after a GC, which includes the generator's simulated agents and frameworks. Separate master
 * process ({@code --master-pid}): CPU from {@code /proc/PID/stat} (utime+stime, all its threads) and resident
 * memory from {@code /proc/PID/status}.
 */
public final class MasterSampler {
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final Set<Long> masterThreads;
  private final long masterPid;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startMasterCpu;
  private long startProcessCpu;
  private long startNanos;

  private MasterSampler(Set<Long> masterThreads, long masterPid) {
    this.masterThreads = masterThreads;
    this.masterPid = masterPid;
  }

  /** Samples the given threads of this JVM (the in-JVM master's Vert.x threads). */
  public static MasterSampler inJvm(Set<Long> masterThreads) {
    return new MasterSampler(Set.copyOf(masterThreads), -1);
  }

  /** Samples another process by pid; 0 or less means the master is remote and nothing can be sampled. */
  public static MasterSampler process(long pid) {
    return new MasterSampler(Set.of(), pid);
  }

  public void start() {
    startNanos = System.nanoTime();
    startMasterCpu = masterCpuNanos();
    startProcessCpu = os.getProcessCpuTime();
  }

  /** The usage since {@link #start}. CPU percentages are of one core (200% = both cores of this machine). */
  public Usage stop() {
    double wall = System.nanoTime() - startNanos;
    long masterCpu = masterCpuNanos();
    double masterPercent = masterCpu < 0 ? -1 : 100.0 * (masterCpu - startMasterCpu) / wall;
    double jvmPercent = 100.0 * (os.getProcessCpuTime() - startProcessCpu) / wall;
    System.gc();
    long heapUsed = memory.getHeapMemoryUsage().getUsed();
    long masterRss = masterPid > 0 ? residentBytes(masterPid) : -1;
    return new Usage(masterPercent, jvmPercent, heapUsed, masterRss, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param masterCpuPercent CPU of the master (its threads in-JVM, or its process); -1 if not measurable
   * @param generatorJvmCpuPercent CPU of this whole JVM (generator, plus the master when in-JVM)
   * @param jvmHeapAfterGcBytes heap used in this JVM after a GC
   * @param masterResidentBytes resident memory of a separate master process; -1 when in-JVM or unknown
   */
  public record Usage(double masterCpuPercent, double generatorJvmCpuPercent, long jvmHeapAfterGcBytes,
      long masterResidentBytes, int cores) {}

  private long masterCpuNanos() {
    if (masterPid > 0) {
      return processCpuNanos(masterPid);
    }
    if (masterThreads.isEmpty()) {
      return -1;
    }
    long sum = 0;
    for (long id : masterThreads) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu > 0) {
        sum += cpu;
      }
    }
    return sum;
  }

  private static long processCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long residentBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
