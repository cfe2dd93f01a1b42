package io.meseta.jobs;

import io.meseta.client.DriverOptions;
import io.meseta.client.Scheduler;
import io.meseta.client.SchedulerDriver;
import io.meseta.core.model.AgentId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.preemption.Demand;
import io.meseta.master.MasterConfig;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job service: a framework like any other (it subscribes over the scheduler WebSocket with
 * the SDK), living in the master. It subscribes on the first submission, so an idle master
 * offers it nothing; it SUPPRESSes whenever nothing is pending and REVIVEs when a job arrives.
 * Each placement round (on offers, on submissions, on retry timers) asks the pure
 * {@link JobPlanner} where pending jobs go, launches them, and gives back what it cannot use.
 * Requests from the REST layer arrive on {@link #ADDRESS} as JSON ({@link JobRequests}).
 */
public final class JobServiceVerticle extends VerticleBase {
  public static final String ADDRESS = "meseta.jobs";
  static final String FRAMEWORK_NAME = "meseta-jobs";

  private static final Logger LOG = LoggerFactory.getLogger(JobServiceVerticle.class);
  /** How long an unused offer is kept while a job waits: lets a gang gather its agents. */
  private static final Duration OFFER_HOLD = Duration.ofSeconds(1);
  /** Refusal filter on declined or leftover resources: short, so new jobs start quickly. */
  private static final double SHORT_REFUSE_SECONDS = 1;
  /** With nothing pending we also SUPPRESS; REVIVE clears this filter when a job arrives. */
  private static final double IDLE_REFUSE_SECONDS = 30;
  private static final Duration AGENT_VIEW_MAX_AGE = Duration.ofMillis(500);
  private static final double FAILOVER_TIMEOUT_SECONDS = 7 * 24 * 3600;

  private final JobsConfig config;
  private final String masterAddress;
  private final JobPlanner planner;
  private final JobBook book = new JobBook(10_000);
  private final HeldOffers offers = new HeldOffers();
  private Map<AgentId, Candidate> agents = Map.of();
  private Instant agentsFetched = Instant.EPOCH;
  private SchedulerDriver driver;
  private String frameworkId;
  private boolean subscribed;
  private boolean suppressed;
  private boolean roundRunning;
  private boolean roundAgain;
  /** Work arrived (a submission, a retry come due) since the last round: worth a REVIVE. */
  private boolean newWork;
  private long roundTimer = -1;
  /** Opens holes for jobs that fit nowhere, when jobs.defragment is on. */
  private Defragmentation defrag;
  private final io.meseta.tls.TlsTrust masterTrust;

  /** @param masterAddress {@code host:port} of this master's scheduler endpoint */
  public JobServiceVerticle(JobsConfig config, String masterAddress) {
    this(config, masterAddress, null);
  }

  /**
   * @param masterAddress {@code https://host:port} for a master serving TLS
   * @param masterTrust verifies that master's certificate; null = plain (or the JVM's trust)
   */
  public JobServiceVerticle(JobsConfig config, String masterAddress,
      io.meseta.tls.TlsTrust masterTrust) {
    this.masterTrust = masterTrust;
    this.config = config;
    this.masterAddress = masterAddress;
    this.planner = new JobPlanner(config.scorer());
  }

  /** Where the service reaches its own master: loopback unless bound to one interface. */
  public static String localMasterAddress(MasterConfig config, int boundPort) {
    String host = config.host();
    boolean anyInterface = host.equals("0.0.0.0") || host.equals("::") || host.isBlank();
    // With TLS the master's certificate must name this host (127.0.0.1 when bound to all).
    return (config.security().tls().serves() ? "https://" : "")
        + (anyInterface ? "127.0.0.1" : host) + ":" + boundPort;
  }

  private DriverOptions withTrust(DriverOptions options) {
    return masterTrust == null ? options : options.withTlsTrust(masterTrust.caFile());
  }

  @Override
  public Future<?> start() {
    JobRequests requests = new JobRequests(this);
    defrag = new Defragmentation(config.defragment(), config.role(), () -> frameworkId,
        vertx.eventBus(), this::killAll);
    return vertx.eventBus().<JsonObject>consumer(ADDRESS, requests::handle).completion();
  }

  @Override
  public Future<?> stop() {
    return driver == null ? Future.succeededFuture() : driver.stop();
  }

  // ---- what the REST layer asks (via JobRequests), always on this verticle's context ----

  JobBook book() {
    return book;
  }

  String frameworkId() {
    return frameworkId;
  }

  /** Validates against the cluster as it is now, queues, and starts a round. */
  Future<Job> submit(JobSpec spec) {
    return refreshAgents(Duration.ZERO).map(v -> {
      spec.problemOn(agents.size()).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
      Job job = book.submit(spec, Instant.now());
      LOG.info("Job {} ({}) submitted to queue {}", job.id(), spec.name(), spec.queue());
      ensureSubscribed();
      newWork = true;
      round();
      return job;
    });
  }

  Job kill(Job job) {
    Job.Transition t = book.kill(job.id(), Instant.now()).orElseThrow();
    killAll(t.toKill());
    LOG.info("Job {} killed by request ({} live tasks)", job.id(), t.toKill().size());
    round();
    return t.job();
  }

  // ---- the framework side ----

  private void ensureSubscribed() {
    if (driver != null) {
      return;
    }
    FrameworkInfo info = FrameworkInfo.newBuilder()
        .setName(FRAMEWORK_NAME)
        .setUser(System.getProperty("user.name", "nobody"))
        .setRole(config.role())
        .setFailoverTimeout(FAILOVER_TIMEOUT_SECONDS)
        // Authenticates as its own principal when the master requires it (harmless when not).
        .setPrincipal(io.meseta.gateway.security.InternalCredential.JOBS_PRINCIPAL)
        .build();
    driver = new SchedulerDriver(vertx, new Callbacks(), info, List.of(masterAddress),
        withTrust(DriverOptions.defaults().withAuthorization(
            io.meseta.gateway.security.InternalCredential.jobsAuthorization())));
    driver.start().onFailure(e -> {
      LOG.error("The job service could not subscribe to its master {}: {}; retrying in 2 s",
          masterAddress, e.getMessage());
      driver = null;
      vertx.setTimer(2000, id -> {
        if (book.anyPending()) {
          ensureSubscribed();
        }
      });
    });
  }

  /** The SDK's callbacks; they run on this verticle's context (the driver was created here). */
  private final class Callbacks implements Scheduler {
    @Override
    public void subscribed(SchedulerDriver d, FrameworkID id, MasterInfo masterInfo) {
      frameworkId = id.getValue();
      subscribed = true;
      suppressed = false;
      // After a re-subscription the master forgot our offers; ask about our live tasks.
      offers.takeAll();
      if (!book.liveTaskIds().isEmpty()) {
        d.reconcile(List.of());
      }
      round();
    }

    @Override
    public void offers(SchedulerDriver d, List<Offer> received) {
      Instant now = Instant.now();
      received.forEach(o -> offers.add(o, now));
      round();
    }

    @Override
    public void offerRescinded(SchedulerDriver d, OfferID offerId) {
      offers.remove(offerId);
    }

    @Override
    public void statusUpdate(SchedulerDriver d, TaskStatus status) {
      Job.TaskPhase phase = TaskPhases.of(status.getState());
      if (phase == null) {
        return;
      }
      String detail = TaskPhases.detail(status);
      String taskId = status.getTaskId().getValue();
      if (defrag.requeueIfMoved(book, taskId, phase)) {
        round();
        return;
      }
      book.taskChanged(taskId, phase, detail, Instant.now())
          .ifPresentOrElse(t -> {
            killAll(t.toKill());
            if (t.job().state() == Job.State.PENDING || t.job().state().terminal()) {
              LOG.info("Job {} is {}: {}", t.job().id(), t.job().state(), t.job().message());
              round();
            }
          }, () -> LOG.debug("Update {} of task {} belongs to no known job", status.getState(),
              status.getTaskId().getValue()));
    }

    @Override
    public void disconnected(SchedulerDriver d) {
      subscribed = false;
      offers.takeAll();
    }

    @Override
    public void error(SchedulerDriver d, String message) {
      LOG.warn("The master reports an error to the job service: {}", message);
    }
  }

  private void killAll(List<Job.TaskRun> runs) {
    if (driver == null) {
      return;
    }
    runs.forEach(r -> driver.kill(
        TaskID.newBuilder().setValue(r.taskId()).build(),
        AgentID.newBuilder().setValue(r.agentId().value()).build()));
  }

  // ---- placement rounds ----

  /** Runs a round now, or right after the one in progress (rounds never interleave). */
  private void round() {
    if (roundRunning) {
      roundAgain = true;
      return;
    }
    roundRunning = true;
    refreshAgents(AGENT_VIEW_MAX_AGE).onComplete(ignored -> {
      try {
        runRound(Instant.now());
      } catch (RuntimeException e) {
        LOG.error("Job placement round failed", e);
      } finally {
        roundRunning = false;
        if (roundAgain) {
          roundAgain = false;
          round();
        }
      }
    });
  }

  private void runRound(Instant now) {
    if (!subscribed) {
      return;
    }
    if (!book.anyPending()) {
      declareDemand(List.of());
      decline(offers.takeAll(), IDLE_REFUSE_SECONDS);
      if (!suppressed) {
        driver.suppress();
        suppressed = true;
      }
      return;
    }
    if (suppressed) {
      // A submission or a retry: offers are wanted again (REVIVE also clears our filters).
      driver.revive();
      suppressed = false;
    }
    List<Job> ordered = config.queues().order(book.pending(), now);
    Defragmentation.Round adjusted = defrag.adjust(ordered, offers.candidates(agents), now);
    JobPlanner.Plan plan = planner.plan(adjusted.ordered(), adjusted.candidates(), now);
    Map<JobId, Job> byId = new HashMap<>();
    ordered.forEach(j -> byId.put(j.id(), j));
    JobLaunches launches = new JobLaunches(config.role());
    plan.launches().forEach((id, placement) -> launches.add(byId.get(id), placement));
    launches.send(driver, offers, SHORT_REFUSE_SECONDS).forEach((job, runs) ->
        book.launched(job, runs, now));
    book.explained(defrag.explain(plan.pending()));
    declareDemand(book.pending());
    defrag.afterRound(book, ordered, plan.pending(), agents, now);

    boolean someoneWaits = plan.pending().keySet().stream()
        .anyMatch(id -> byId.get(id).readyAt(now));
    if (newWork && someoneWaits) {
      // What we hold does not fit the new work: clear our refusal filters to see every agent.
      driver.revive();
    }
    newWork = false;
    for (AgentId agent : plan.unused()) {
      if (!someoneWaits || offers.heldSince(now.minus(OFFER_HOLD)).contains(agent)) {
        decline(offers.take(agent), SHORT_REFUSE_SECONDS);
      }
    }
    scheduleNextRound(now, someoneWaits);
  }

  /** Tells the allocator what still waits, for its fragmentation measure and preemption. */
  private void declareDemand(List<Job> pending) {
    List<Demand> demand = new ArrayList<>();
    for (Job job : pending) {
      for (int i = 0; i < job.spec().gangSize(); i++) {
        demand.add(new Demand(config.role(), job.spec().priority(), job.spec().shape()));
      }
    }
    // Declared as this framework, so room preemption makes for it is offered to it first.
    vertx.eventBus().send(Addresses.ALLOCATOR, Messages.DemandDeclared.byFramework(
        io.meseta.core.model.FrameworkId.of(frameworkId), demand));
  }

    private void scheduleNextRound(Instant now, boolean someoneWaits) {
    Instant next = null;
    if (someoneWaits && !offers.isEmpty()) {
      next = now.plus(OFFER_HOLD);
    }
    Instant retry = book.earliestRetry(now).orElse(null);
    boolean forRetry = retry != null && (next == null || retry.isBefore(next));
    if (forRetry) {
      next = retry;
    }
    if (roundTimer >= 0) {
      vertx.cancelTimer(roundTimer);
      roundTimer = -1;
    }
    if (next != null) {
      long delay = Math.max(1, Duration.between(now, next).toMillis());
      roundTimer = vertx.setTimer(delay, id -> {
        roundTimer = -1;
        newWork |= forRetry;
        round();
      });
    }
  }

  private void decline(List<HeldOffers.Held> held, double refuseSeconds) {
    if (held.isEmpty() || driver == null) {
      return;
    }
    Filters filters = Filters.newBuilder()
        .setRefuseSeconds(refuseSeconds).build();
    held.forEach(h -> driver.decline(h.offer().getId(), filters));
  }

  /** Re-reads the registry's agents if the copy is older than {@code maxAge}. */
  private Future<Void> refreshAgents(Duration maxAge) {
    Instant now = Instant.now();
    if (!maxAge.isZero() && now.isBefore(agentsFetched.plus(maxAge))) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().<JsonObject>request(Addresses.state(Addresses.AGENTS), null)
        .map(reply -> {
          agents = AgentView.activeAgents(reply.body());
          agentsFetched = now;
          return (Void) null;
        })
        .recover(e -> {
          LOG.warn("Cannot read the agent registry ({}); using the last view", e.getMessage());
          return Future.succeededFuture();
        });
  }
}
