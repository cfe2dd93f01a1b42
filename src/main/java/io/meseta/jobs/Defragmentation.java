package io.meseta.jobs;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.placement.Candidate;
import io.meseta.core.placement.Defragmenter;
import io.meseta.core.placement.FeasibilityChecks;
import io.meseta.core.placement.Rejection;
import io.meseta.core.resources.Resources;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Messages;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The job service's side of {@code jobs.defragment}: when a round leaves a single-task job
 * waiting for free room that exists in total but not in one piece, asks the pure
 * {@link Defragmenter} for the cheapest hole, claims the hole's agent with the allocator (so the
 * freed resources come back to this framework), kills the service's own tasks it names (their
 * jobs are requeued, not failed), and, until the big job is placed, puts it first in each round
 * and keeps the hole's agent from every other job. One hole at a time; a hole not used within
 * {@link #GIVE_UP} is abandoned and the normal order resumes. Lives on the service's context.
 */
final class Defragmentation {
  /** Kills take a status round trip; a hole still unused after this is not coming. */
  static final Duration GIVE_UP = Duration.ofSeconds(30);
  /** Rounds run on every offer; the allocator's state is read at most this often for a hole. */
  private static final Duration ASK_EVERY = Duration.ofSeconds(1);
  private static final List<String> SCALARS = List.of("cpus", "mem", "disk", "gpus");

  /** A hole being opened for {@code job} on {@code agent}. */
  private record Underway(JobId job, AgentId agent, String why, Instant since) {}

  /** A round as the planner should see it. */
  record Round(List<Job> ordered, List<Candidate> candidates) {}

  private final boolean enabled;
  private final String role;
  private final Supplier<String> frameworkId;
  private final EventBus bus;
  private final Consumer<List<Job.TaskRun>> kill;
  private Underway underway;
  /** Tasks killed to be moved, until their end is reported, with the note for their job. */
  private final Map<String, String> moving = new HashMap<>();
  private boolean asking;
  private Instant lastAsked = Instant.MIN;

  /**
   * @param enabled false: every round goes as planned and no hole is ever opened
   * @param role the service's role, in which the hole is claimed
   * @param frameworkId the service's framework id (set once it has subscribed)
   */
  Defragmentation(boolean enabled, String role, Supplier<String> frameworkId, EventBus bus,
      Consumer<List<Job.TaskRun>> kill) {
    this.enabled = enabled;
    this.role = role;
    this.frameworkId = frameworkId;
    this.bus = bus;
    this.kill = kill;
  }

  /**
   * A task killed here to move its job has ended: its job is requeued, not failed (true). False
   * for any other task or update, which the caller handles as usual.
   */
  boolean requeueIfMoved(JobBook book, String taskId, Job.TaskPhase phase) {
    String note = phase.terminal() ? moving.remove(taskId) : null;
    return phase == Job.TaskPhase.KILLED && note != null
        && book.moved(taskId, note).isPresent();
  }

  /** The hole's job goes first, and until it fits there its agent is kept from the others. */
  Round adjust(List<Job> ordered, List<Candidate> candidates, Instant now) {
    Job big = underway == null ? null : ordered.stream()
        .filter(j -> j.id().equals(underway.job())).findFirst().orElse(null);
    if (big == null || now.isAfter(underway.since().plus(GIVE_UP))) {
      underway = null; // placed, killed, or not coming: the normal order resumes
      return new Round(ordered, candidates);
    }
    List<Job> first = new ArrayList<>(List.of(big));
    ordered.stream().filter(j -> j != big).forEach(first::add);
    List<Candidate> held = candidates.stream().map(c -> c.id().equals(underway.agent())
        && FeasibilityChecks.RESOURCES.check(big.spec().shape(), c).isPresent()
        ? new Candidate(c.id(), c.hostname(), c.attributes(), c.total(), Resources.EMPTY) : c)
        .toList();
    return new Round(first, held);
  }

  /** The round's verdicts, with the hole's job saying what it waits for. */
  Map<JobId, WhyPending> explain(Map<JobId, WhyPending> pending) {
    if (underway == null || !pending.containsKey(underway.job())) {
      return pending;
    }
    Map<JobId, WhyPending> explained = new LinkedHashMap<>(pending);
    WhyPending was = pending.get(underway.job());
    explained.put(underway.job(), new WhyPending(underway.why(), was.reasons(), was.asOf()));
    return explained;
  }

  /**
   * After a round: if no hole is underway and some ready single-task job waits only for free
   * room, reads the cluster's free resources from the allocator and opens the cheapest hole.
   */
  void afterRound(JobBook book, List<Job> ordered, Map<JobId, WhyPending> pending,
      Map<AgentId, Candidate> agents, Instant now) {
    if (!enabled || underway != null || asking || now.isBefore(lastAsked.plus(ASK_EVERY))) {
      return;
    }
    Job big = ordered.stream().filter(j -> pending.containsKey(j.id()) && j.readyAt(now)
        && j.spec().gangSize() == 1 && pending.get(j.id()).reasons().stream()
            .anyMatch(r -> r.code() == Rejection.Reason.INSUFFICIENT_FREE))
        .findFirst().orElse(null);
    if (big == null) {
      return;
    }
    asking = true;
    lastAsked = now;
    bus.<JsonObject>request(Addresses.state(Addresses.ALLOCATOR), null).onComplete(reply -> {
      asking = false;
      if (reply.succeeded() && underway == null && book.get(big.id())
          .map(j -> j.state() == Job.State.PENDING).orElse(false)) {
        open(book, big, withFree(agents, reply.result().body()), Instant.now());
      }
    });
  }

  private void open(JobBook book, Job big, List<Candidate> cluster, Instant now) {
    Map<String, Job> movable = new LinkedHashMap<>();
    List<Defragmenter.Movable> tasks = new ArrayList<>();
    for (Job j : book.list(Job.State.RUNNING)) {
      if (j.tasks().size() == 1 && j.spec().restart().maxRetries() > 0
          && j.tasks().get(0).phase() == Job.TaskPhase.RUNNING) {
        movable.put(j.id().value(), j);
        tasks.add(new Defragmenter.Movable(j.id().value(), j.tasks().get(0).agentId(),
            j.spec().priority(), j.spec().resources()));
      }
    }
    Defragmenter.plan(big.spec().shape(), big.spec().priority(), cluster, tasks)
        .ifPresent(hole -> {
          List<Job.TaskRun> runs = hole.movedIds().stream()
              .map(id -> movable.get(id).tasks().get(0)).toList();
          underway = new Underway(big.id(), hole.agent(), hole.why(), now);
          runs.forEach(r -> moving.put(r.taskId(), "moved off agent " + hole.agent()
              + " to open a hole for " + big.id() + "; requeued (a move is not a retry)"));
          book.explained(Map.of(big.id(), WhyPending.note(hole.why(), now)));
          // Claimed first, so the freed resources come back to us, not to another framework.
          bus.send(Addresses.ALLOCATOR, new Messages.RoomClaim(
              FrameworkId.of(frameworkId.get()), role, hole.agent(),
              big.spec().resources().scalarsOnly(), GIVE_UP));
          kill.accept(runs);
        });
  }

  /** The registry's agents with what the allocator says no task uses (free or only offered). */
  static List<Candidate> withFree(Map<AgentId, Candidate> agents, JsonObject allocatorState) {
    JsonObject byAgent = allocatorState.getJsonObject("agents", new JsonObject());
    List<Candidate> cluster = new ArrayList<>();
    agents.forEach((id, agent) -> {
      JsonObject state = byAgent.getJsonObject(id.value());
      if (state == null) {
        return;
      }
      JsonObject total = state.getJsonObject("resources", new JsonObject());
      JsonObject used = state.getJsonObject("used_resources", new JsonObject());
      String free = SCALARS.stream()
          .filter(r -> total.getDouble(r, 0.0) - used.getDouble(r, 0.0) > 0)
          .map(r -> r + ":" + (total.getDouble(r, 0.0) - used.getDouble(r, 0.0)))
          .collect(Collectors.joining(";"));
      cluster.add(new Candidate(id, agent.hostname(), agent.attributes(), agent.total(),
          free.isEmpty() ? Resources.EMPTY : Resources.parse(free)));
    });
    return cluster;
  }
}
