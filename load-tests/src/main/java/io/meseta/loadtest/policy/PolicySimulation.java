package io.meseta.loadtest.policy;

import io.meseta.core.allocation.AcceptResult;
import io.meseta.core.allocation.Allocator;
import io.meseta.core.allocation.AllocatorConfig;
import io.meseta.core.allocation.Offer;
import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.OfferId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.Fragmentation;
import io.meseta.core.placement.TaskShape;
import io.meseta.core.resources.Resources;
import io.meseta.jobs.Job;
import io.meseta.jobs.JobId;
import io.meseta.jobs.JobPlanner;
import io.meseta.jobs.JobQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of the workload under one queue policy and scorer: a discrete-event loop (task ends, job
 * arrivals, allocation ticks, in simulated-time order) around the real {@link Allocator} with one
 * framework, the job service, whose rounds use the real {@link JobQueues} order and {@link JobPlanner}.
 * Each tick does what the master and {@code JobServiceVerticle} do each allocation interval, minus the
 * messages: allocate, plan, accept per agent (leftover recovered with a short filter), decline offers
 * held too long, SUPPRESS when idle and REVIVE on new work. Tasks run for their workload runtime and
 * then free their resources at once (no staging, no status-update latency).
 */
final class PolicySimulation {
  static final FrameworkId JOBS = FrameworkId.of("meseta-jobs");
  static final String ROLE = "*";
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Task ends first, then arrivals, then the tick, when they share an instant. */
  private record Event(long at, int kind, long seq, Object subject) {
    static final int FINISH = 0;
    static final int ARRIVAL = 1;
    static final int TICK = 2;
    static final Comparator<Event> ORDER = Comparator.comparingLong(Event::at)
        .thenComparingInt(Event::kind).thenComparingLong(Event::seq);
  }

  /** A task the simulated agents are running. */
  record Running(JobId job, String taskId, AgentId agent, Resources resources, Instant started,
      int priority) {}

  private final Workload workload;
  private final SimSettings settings;
  private final Allocator allocator = new Allocator(AllocatorConfig.defaults(), "sim");
  private final JobPlanner planner;
  private final JobQueues queues;
  private final Map<AgentId, Resources> totals = new TreeMap<>();
  private final Map<JobId, Job> jobs = new HashMap<>();
  private final Map<JobId, Integer> numbers = new HashMap<>();
  private final Map<JobId, Job> pending = new LinkedHashMap<>();
  private final Map<String, Running> running = new HashMap<>();
  private final Map<AgentId, List<Offer>> held = new TreeMap<>();
  private final Map<AgentId, Instant> heldSince = new HashMap<>();
  private final PriorityQueue<Event> events = new PriorityQueue<>(Event.ORDER);
  private final SimStats stats;
  private final SimPreemption preemption;
  private long seq;
  private boolean suppressed;
  private boolean newWork;
  private int finished;
  private int failed;
  private long lastEndMillis;
  private long nextPreemptionMillis;
  private long nextFragmentationMillis;

  PolicySimulation(Workload workload, SimSettings settings) {
    this.workload = workload;
    this.settings = settings;
    this.planner = new JobPlanner(settings.scorer());
    this.queues = new JobQueues(settings.policy(), Map.of(), settings.agingPerMinute());
    double cpus = 0;
    double mem = 0;
    for (int i = 0; i < workload.agents().size(); i++) {
      Resources total = workload.agents().get(i);
      AgentId id = AgentId.of(String.format("agent-%05d", i));
      totals.put(id, total);
      allocator.addAgent(id, total, Map.of());
      cpus += total.scalar("cpus");
      mem += total.scalar("mem");
    }
    this.stats = new SimStats(workload.jobs().size(), cpus, mem);
    this.preemption = new SimPreemption(settings.minPriorityGap(), settings.preemptionDemands());
  }

  SimResult run() {
    long wallStart = System.nanoTime();
    allocator.addFramework(JOBS, ROLE);
    allocator.suppress(JOBS);
    suppressed = true;
    for (int i = 0; i < workload.jobs().size(); i++) {
      schedule(workload.jobs().get(i).arrivalMillis(), Event.ARRIVAL, i);
    }
    schedule(0, Event.TICK, null);
    int total = workload.jobs().size();
    while (finished + failed < total) {
      Event event = events.poll();
      if (event == null) {
        throw new IllegalStateException("the simulation ran out of events with "
            + (total - finished - failed) + " jobs unfinished; this is a bug in the simulation");
      }
      stats.advance(event.at(), !pending.isEmpty());
      Instant now = START.plusMillis(event.at());
      switch (event.kind()) {
        case Event.FINISH -> taskEnded((String) event.subject(), Job.TaskPhase.FINISHED, now);
        case Event.ARRIVAL -> arrive((Integer) event.subject(), now);
        default -> {
          tick(now, event.at());
          schedule(event.at() + SimSettings.ALLOCATION_INTERVAL.toMillis(), Event.TICK, null);
        }
      }
    }
    return stats.result(settings.policy(), settings.scorer(), finished, failed, lastEndMillis,
        (System.nanoTime() - wallStart) / 1_000_000);
  }

  private void schedule(long atMillis, int kind, Object subject) {
    events.add(new Event(atMillis, kind, seq++, subject));
  }

  private void arrive(int number, Instant now) {
    Job job = Job.submitted(JobId.numbered(number + 1L), workload.jobs().get(number).spec(),
        number + 1L, now);
    jobs.put(job.id(), job);
    numbers.put(job.id(), number);
    pending.put(job.id(), job);
    newWork = true;
  }

  // ---- one allocation interval: the allocator's run and the job service's round ----

  private void tick(Instant now, long nowMillis) {
    if (pending.isEmpty()) {
      declineAll(SimSettings.IDLE_REFUSE, now);
      if (!suppressed) {
        allocator.suppress(JOBS);
        suppressed = true;
      }
      return;
    }
    if (suppressed) {
      allocator.revive(JOBS);
      suppressed = false;
    }
    for (Offer offer : allocator.allocate(now)) {
      held.computeIfAbsent(offer.agentId(), a -> new ArrayList<>()).add(offer);
      heldSince.putIfAbsent(offer.agentId(), now);
    }
    if (nowMillis >= nextFragmentationMillis) {
      // Before the round: the free resources (offered or not) as the scheduler faces the queue.
      nextFragmentationMillis = nowMillis + settings.fragmentationEvery().toMillis();
      Set<TaskShape> shapes = new LinkedHashSet<>();
      pending.values().forEach(j -> shapes.add(j.spec().shape()));
      stats.fragmentation(Fragmentation.measure(List.copyOf(shapes), candidates(true)));
    }
    List<Job> ordered = queues.order(pending.values(), now);
    List<Job> window = settings.lookahead() > 0 && ordered.size() > settings.lookahead()
        ? ordered.subList(0, settings.lookahead()) : ordered;
    Set<AgentId> unused = new LinkedHashSet<>(held.keySet());
    if (!held.isEmpty()) {
      stats.rounds++;
      List<Candidate> offered = candidates(false);
      SimRound.Outcome round = settings.shortcut()
          ? SimRound.planShortcut(planner, window, offered, now)
          : SimRound.plan(planner, window, offered, now);
      round.launches().values().forEach(placement -> unused.removeAll(placement.values()));
      launch(round.launches(), now);
    }
    boolean someoneWaits = pending.values().stream().anyMatch(j -> j.readyAt(now));
    if (newWork && someoneWaits) {
      // As the job service does: what it holds does not fit the new work, so see every agent again.
      allocator.revive(JOBS);
    }
    newWork = false;
    for (AgentId agent : unused) {
      if (!someoneWaits || !heldSince.get(agent).isAfter(now.minus(SimSettings.OFFER_HOLD))) {
        decline(agent, SimSettings.SHORT_REFUSE, now);
      }
    }
    if (settings.preemption() && someoneWaits && nowMillis >= nextPreemptionMillis) {
      nextPreemptionMillis = nowMillis + settings.preemptionEvery().toMillis();
      List<Job> unplaced = ordered.stream().filter(j -> pending.containsKey(j.id())).toList();
      for (String victim : preemption.victims(unplaced, candidates(true), running.values(), now,
          stats)) {
        stats.preemptedTasks += taskEnded(victim, Job.TaskPhase.KILLED, now);
      }
    }
  }

  /**
   * Agents as the planner sees them, free = what the service holds offers for. Only offered agents
   * take part in rounds (the real service also lists the rest with nothing free: they can place
   * nothing, and only its "why pending" text would differ). With {@code everyAgent}, every agent,
   * free = the allocator's free plus the held offers: the cluster as fragmentation and preemption see it.
   */
  private List<Candidate> candidates(boolean everyAgent) {
    List<Candidate> list = new ArrayList<>();
    if (everyAgent) {
      totals.forEach((id, total) ->
          list.add(new Candidate(id, id.value(), Map.of(), total, allocator.free(id).plus(heldFree(id)))));
    } else {
      held.keySet().forEach(id ->
          list.add(new Candidate(id, id.value(), Map.of(), totals.get(id), heldFree(id))));
    }
    return list;
  }

  private Resources heldFree(AgentId agent) {
    Resources free = Resources.EMPTY;
    for (Offer offer : held.getOrDefault(agent, List.of())) {
      free = free.plus(offer.resources());
    }
    return free;
  }

  /** One accept per agent with every held offer there; what the tasks do not use is recovered. */
  private void launch(Map<JobId, Map<Integer, AgentId>> launches, Instant now) {
    Map<AgentId, Resources> usedPerAgent = new LinkedHashMap<>();
    launches.forEach((id, placement) -> placement.values().forEach(agent ->
        usedPerAgent.merge(agent, jobs.get(id).spec().resources(), Resources::plus)));
    usedPerAgent.forEach((agent, used) -> {
      List<OfferId> ids = held.remove(agent).stream().map(Offer::id).toList();
      heldSince.remove(agent);
      AcceptResult result = allocator.accept(JOBS, ids);
      if (!(result instanceof AcceptResult.Accepted accepted)) {
        throw new IllegalStateException("the allocator rejected the simulation's accept on " + agent
            + ": " + result + "; this is a bug in the simulation");
      }
      Resources leftover = accepted.resources().minus(used);
      if (!leftover.isEmpty()) {
        allocator.recover(JOBS, agent, leftover, SimSettings.SHORT_REFUSE, now);
      }
    });
    launches.forEach((id, placement) -> start(jobs.get(id), placement, now));
  }

  private void start(Job job, Map<Integer, AgentId> placement, Instant now) {
    List<Job.TaskRun> runs = new ArrayList<>();
    for (int i = 0; i < job.spec().gangSize(); i++) {
      AgentId agent = placement.get(i);
      runs.add(new Job.TaskRun(i, job.taskId(i), agent, agent.value(), 0, Job.TaskPhase.STAGING));
    }
    Job started = job.launched(runs, now);
    for (Job.TaskRun run : runs) {
      started = started.taskChanged(run.taskId(), Job.TaskPhase.RUNNING, "", now).job();
    }
    jobs.put(job.id(), started);
    pending.remove(job.id());
    int number = numbers.get(job.id());
    Workload.SimJob simJob = workload.jobs().get(number);
    stats.started(number, now.toEpochMilli() - started.submittedAt().toEpochMilli(),
        job.spec().estimatedRuntime().toMillis() < SimStats.SHORT_JOB_MILLIS);
    Resources resources = job.spec().resources();
    for (Job.TaskRun run : runs) {
      running.put(run.taskId(), new Running(job.id(), run.taskId(), run.agentId(), resources, now,
          job.spec().priority()));
      stats.taskStarted(resources.scalar("cpus"), resources.scalar("mem"));
      schedule(now.toEpochMilli() - START.toEpochMilli() + simJob.runtimeMillis(), Event.FINISH,
          run.taskId());
    }
  }

  /**
   * A task ended (finished, or killed by preemption): its resources go back without a filter, and so
   * do those of the gang mates the job service then kills. Returns how many tasks ended.
   */
  private int taskEnded(String taskId, Job.TaskPhase phase, Instant now) {
    Running task = release(taskId, now);
    if (task == null) {
      return 0; // killed earlier with the rest of its gang
    }
    Job.Transition t = jobs.get(task.job()).taskChanged(taskId, phase,
        phase == Job.TaskPhase.KILLED ? "preempted" : "", now);
    Job job = t.job();
    jobs.put(job.id(), job);
    int ended = 1;
    for (Job.TaskRun mate : t.toKill()) {
      ended += release(mate.taskId(), now) == null ? 0 : 1;
    }
    if (job.state() == Job.State.PENDING) {
      pending.put(job.id(), job);
      newWork = true;
    } else if (job.state().terminal()) {
      if (job.state() == Job.State.FINISHED) {
        finished++;
      } else {
        failed++;
      }
      lastEndMillis = now.toEpochMilli() - START.toEpochMilli();
    }
    return ended;
  }

  private Running release(String taskId, Instant now) {
    Running task = running.remove(taskId);
    if (task != null) {
      allocator.recover(JOBS, task.agent(), task.resources(), Duration.ZERO, now);
      stats.taskEnded(task.resources().scalar("cpus"), task.resources().scalar("mem"));
    }
    return task;
  }

  private void decline(AgentId agent, Duration refuse, Instant now) {
    List<Offer> offers = held.remove(agent);
    heldSince.remove(agent);
    if (offers != null) {
      allocator.decline(JOBS, offers.stream().map(Offer::id).toList(), refuse, now);
    }
  }

  private void declineAll(Duration refuse, Instant now) {
    new ArrayList<>(held.keySet()).forEach(agent -> decline(agent, refuse, now));
  }
}
