package io.meseta.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named queues, each ordered by its own policy (the default one unless configured). The queues
 * take turns, one job each in queue-name order, so a busy queue cannot starve a quiet one.
 */
public record JobQueues(QueuePolicy defaultPolicy, Map<String, QueuePolicy> policies,
    double agingPerMinute) {

  public JobQueues {
    policies = Map.copyOf(policies);
    if (!(agingPerMinute >= 0) || Double.isInfinite(agingPerMinute)) {
      throw new IllegalArgumentException("jobs.aging_per_minute must be zero or a positive number,"
          + " got " + agingPerMinute);
    }
  }

  public QueuePolicy policyOf(String queue) {
    return policies.getOrDefault(queue, defaultPolicy);
  }

  /** The pending jobs in the order a placement round should consider them. */
  public List<Job> order(Collection<Job> pending, Instant now) {
    Map<String, List<Job>> byQueue = new TreeMap<>();
    for (Job job : pending) {
      byQueue.computeIfAbsent(job.spec().queue(), q -> new ArrayList<>()).add(job);
    }
    List<Iterator<Job>> turns = new ArrayList<>();
    byQueue.forEach((queue, jobs) -> {
      jobs.sort(policyOf(queue).order(now, agingPerMinute));
      turns.add(jobs.iterator());
    });
    List<Job> ordered = new ArrayList<>(pending.size());
    while (!turns.isEmpty()) {
      for (Iterator<Iterator<Job>> it = turns.iterator(); it.hasNext(); ) {
        Iterator<Job> queue = it.next();
        ordered.add(queue.next());
        if (!queue.hasNext()) {
          it.remove();
        }
      }
    }
    return ordered;
  }
}
