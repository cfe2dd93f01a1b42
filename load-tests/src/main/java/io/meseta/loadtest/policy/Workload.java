package io.meseta.loadtest.policy;

import io.meseta.core.resources.Resources;
import io.meseta.jobs.JobSpec;
import io.meseta.jobs.RestartPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded synthetic workload: mixed agent sizes, and jobs of mixed shapes (some gangs), heavy-tailed
 * durations, priorities 0–10 and noisy declared runtimes. Arrivals are a Poisson process conditioned on
 * the job count (sorted uniform times) over a span chosen so that the offered cpu load, summed over all
 * tasks, is {@code load} times the cluster's cpus: above 1 a queue must build up, which is what makes
 * the policies differ.
 *
 * @param agents each agent's total resources, in agent order
 * @param jobs in arrival order
 */
record Workload(List<Resources> agents, List<SimJob> jobs) {

  /** One job to replay: what is submitted, when, and how long each of its tasks really runs. */
  record SimJob(JobSpec spec, long arrivalMillis, long runtimeMillis) {}

  private record Shape(String resources, double weight) {}

  /** Small to large, with a cpu-heavy and a memory-heavy shape so that alignment (dot product) matters. */
  private static final List<Shape> SHAPES = List.of(
      new Shape("cpus:0.5;mem:512", 0.15),
      new Shape("cpus:1;mem:2048", 0.15),
      new Shape("cpus:2;mem:8192", 0.20),
      new Shape("cpus:4;mem:4096", 0.10),
      new Shape("cpus:1;mem:16384", 0.10),
      new Shape("cpus:8;mem:32768", 0.20),
      new Shape("cpus:16;mem:65536", 0.10));
  private static final Resources SMALL_AGENT = Resources.parse("cpus:8;mem:32768");
  private static final Resources LARGE_AGENT = Resources.parse("cpus:32;mem:131072");
  /** Preempted jobs go back to the queue; a finite but generous retry budget. */
  private static final RestartPolicy RESTART = new RestartPolicy(RestartPolicy.MAX_RETRIES, Duration.ZERO);

  static Workload generate(int jobCount, int agentCount, double load, long seed) {
    Random random = new Random(seed);
    List<Resources> agents = new ArrayList<>(agentCount);
    double clusterCpus = 0;
    for (int i = 0; i < agentCount; i++) {
      Resources total = i % 10 < 7 ? SMALL_AGENT : LARGE_AGENT; // 70% small, 30% large
      agents.add(total);
      clusterCpus += total.scalar("cpus");
    }
    List<JobSpec> specs = new ArrayList<>(jobCount);
    List<Long> runtimes = new ArrayList<>(jobCount);
    double cpuMillis = 0;
    for (int i = 0; i < jobCount; i++) {
      Resources resources = Resources.parse(pick(random).resources());
      int gang = random.nextDouble() < 0.15 ? 2 + random.nextInt(7) : 1;
      // Log-normal: median 60 s, mean about 100 s, a long tail clamped to 15 min.
      long runtime = clamp(Math.round(60_000 * Math.exp(1.0 * random.nextGaussian())), 5_000, 900_000);
      // Users' estimates are off by a log-normal factor (about ±65% one sigma).
      long declared = Math.max(1_000, Math.round(runtime * Math.exp(0.5 * random.nextGaussian())));
      int priority = random.nextInt(11);
      specs.add(new JobSpec("sim-" + i, "true", resources, priority, Duration.ofMillis(declared),
          List.of(), RESTART, gang, JobSpec.DEFAULT_QUEUE));
      runtimes.add(runtime);
      cpuMillis += resources.scalar("cpus") * gang * runtime;
    }
    long span = Math.max(1, Math.round(cpuMillis / (load * clusterCpus)));
    List<Long> arrivals = new ArrayList<>(jobCount);
    for (int i = 0; i < jobCount; i++) {
      arrivals.add((long) (random.nextDouble() * span));
    }
    arrivals.sort(null);
    List<SimJob> jobs = new ArrayList<>(jobCount);
    for (int i = 0; i < jobCount; i++) {
      jobs.add(new SimJob(specs.get(i), arrivals.get(i), runtimes.get(i)));
    }
    return new Workload(List.copyOf(agents), List.copyOf(jobs));
  }

  private static Shape pick(Random random) {
    double r = random.nextDouble();
    for (Shape shape : SHAPES) {
      r -= shape.weight();
      if (r < 0) {
        return shape;
      }
    }
    return SHAPES.get(SHAPES.size() - 1);
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }
}
