package io.meseta.loadtest.bench;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VMTaskFitnessCalculator;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.plugins.BinPackingFitnessCalculators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Fenzo side of the placement comparison, set up as Fenzo's own TestLotsOfTasks: a {@link TaskScheduler}
 * with the CPU bin-packing fitness calculator, leases that never expire, hosts offered once, and after every
 * batch the unused rest of each used lease offered again as a new lease. A batch is one
 * {@code scheduleOnce} plus telling Fenzo about each assignment, as TestLotsOfTasks times it.
 */
final class FenzoWorkload {
  private static final AtomicLong IDS = new AtomicLong();

  private final TaskScheduler scheduler;
  private List<VirtualMachineLease> newLeases = new ArrayList<>();
  private long taskSequence;

  FenzoWorkload(int hosts, double cpusPerHost, double memoryPerHost, double fitnessGoodEnough) {
    scheduler = new TaskScheduler.Builder()
        .withFitnessGoodEnoughFunction(fitness -> fitness >= fitnessGoodEnough)
        .withFitnessCalculator(BinPackingFitnessCalculators.cpuBinPacker)
        .withLeaseOfferExpirySecs(1_000_000)
        .withLeaseRejectAction(lease -> {
          throw new IllegalStateException("Fenzo rejected the lease of " + lease.hostname() + "; none expires here");
        })
        .build();
    for (int i = 0; i < hosts; i++) {
      newLeases.add(new Lease("host-" + i, cpusPerHost, memoryPerHost));
    }
  }

  /** Places up to {@code count} tasks of {@code cpus} and {@code memory}; returns how many were placed. */
  int placeBatch(int count, double cpus, double memory) {
    List<TaskRequest> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(new Task("task-" + taskSequence++, cpus, memory));
    }
    SchedulingResult result = scheduler.scheduleOnce(tasks, newLeases);
    newLeases = new ArrayList<>();
    int placed = 0;
    for (VMAssignmentResult host : result.getResultMap().values()) {
      double usedCpus = 0;
      double usedMemory = 0;
      for (TaskAssignmentResult assignment : host.getTasksAssigned()) {
        scheduler.getTaskAssigner().call(assignment.getRequest(), host.getHostname());
        usedCpus += assignment.getRequest().getCPUs();
        usedMemory += assignment.getRequest().getMemory();
        placed++;
      }
      double leftCpus = -usedCpus;
      double leftMemory = -usedMemory;
      for (VirtualMachineLease used : host.getLeasesUsed()) {
        leftCpus += used.cpuCores();
        leftMemory += used.memoryMB();
      }
      if (leftCpus > 0 && leftMemory > 0) {
        newLeases.add(new Lease(host.getHostname(), leftCpus, leftMemory));
      }
    }
    return placed;
  }

  /**
   * A Mesos-free lease: scalars only; no attributes, no ports. Maps are {@link Collections#emptyMap}, not
   * {@code Map.of()}: Fenzo looks up a null key in them, which {@code Map.of()} rejects.
   */
  private record Lease(String id, String hostname, double cpus, double memory, long offeredTime)
      implements VirtualMachineLease {
    Lease(String hostname, double cpus, double memory) {
      this("lease-" + IDS.incrementAndGet(), hostname, cpus, memory, System.currentTimeMillis());
    }

    @Override public String getId() { return id; }
    @Override public long getOfferedTime() { return offeredTime; }
    @Override public String getVMID() { return hostname; }
    @Override public double cpuCores() { return cpus; }
    @Override public double memoryMB() { return memory; }
    @Override public double networkMbps() { return 0; }
    @Override public double diskMB() { return 0; }
    @Override public List<Range> portRanges() { return List.of(); }
    @Override public org.apache.mesos.Protos.Offer getOffer() { return null; }
    @Override public Map<String, org.apache.mesos.Protos.Attribute> getAttributeMap() { return Collections.emptyMap(); }
    @Override public Double getScalarValue(String name) { return null; }
    @Override public Map<String, Double> getScalarValues() { return Collections.emptyMap(); }
  }

  /** A task of CPUs and memory only, no constraints, in the default group. */
  private static final class Task implements TaskRequest {
    private final String id;
    private final double cpus;
    private final double memory;
    private AssignedResources assigned;

    Task(String id, double cpus, double memory) {
      this.id = id;
      this.cpus = cpus;
      this.memory = memory;
    }

    @Override public String getId() { return id; }
    @Override public String taskGroupName() { return "loadtest"; }
    @Override public double getCPUs() { return cpus; }
    @Override public double getMemory() { return memory; }
    @Override public double getNetworkMbps() { return 0; }
    @Override public double getDisk() { return 0; }
    @Override public int getPorts() { return 0; }
    @Override public Map<String, Double> getScalarRequests() { return Collections.emptyMap(); }
    @Override public Map<String, NamedResourceSetRequest> getCustomNamedResources() { return Collections.emptyMap(); }
    @Override public List<? extends ConstraintEvaluator> getHardConstraints() { return List.of(); }
    @Override public List<? extends VMTaskFitnessCalculator> getSoftConstraints() { return List.of(); }
    @Override public void setAssignedResources(AssignedResources resources) { assigned = resources; }
    @Override public AssignedResources getAssignedResources() { return assigned; }
  }
}
