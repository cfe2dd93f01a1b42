package io.meseta.jobs;

import io.meseta.core.placement.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a job is still pending, from the last placement round: the agents' rejections of the task
 * that did not fit, aggregated per reason and subject (a resource or a constraint), with a
 * sentence for people, e.g. "3 agents lack free cpus (needs 4)".
 *
 * @param asOf when the placement round that found this ran
 */
public record WhyPending(String summary, List<Reason> reasons, Instant asOf) {

  /** {@code agents} agents rejected the task for {@code code} on {@code subject}. */
  public record Reason(Rejection.Reason code, String subject, int agents, String sentence) {}

  public WhyPending {
    reasons = List.copyOf(reasons);
  }

  static WhyPending of(String lead, List<Reason> reasons, Instant asOf) {
    String details = reasons.stream().map(Reason::sentence).collect(Collectors.joining("; "));
    return new WhyPending(details.isEmpty() ? lead : lead + ": " + details, reasons, asOf);
  }

  static WhyPending note(String summary, Instant asOf) {
    return new WhyPending(summary, List.of(), asOf);
  }

  static String sentence(Rejection.Reason code, String subject, int agents, String needs) {
    String many = agents == 1 ? "1 agent" : agents + " agents";
    return switch (code) {
      case INSUFFICIENT_FREE -> many + (agents == 1 ? " lacks" : " lack") + " free " + subject
          + " (needs " + needs + ")";
      case AGENT_TOO_SMALL -> many + (agents == 1 ? " has" : " have") + " too few " + subject
          + " in total (needs " + needs + ")";
      case CONSTRAINT_NOT_MET -> many + " fail" + (agents == 1 ? "s" : "") + " constraint "
          + subject;
    };
  }
}
