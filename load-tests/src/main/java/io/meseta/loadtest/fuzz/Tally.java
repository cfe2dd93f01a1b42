package io.meseta.loadtest.fuzz;

import io.meseta.loadtest.fuzz.EntryPoint.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What one entry point's run found: inputs, answers by label, and every failure with samples. */
public final class Tally {
  private static final int SAMPLES = 5;

  final String entryPoint;
  long inputs;
  long serverErrors;
  long violations;
  long transientViolations;
  long orphanViolations;
  long masterSilent;
  int blockedWarnings;
  int errorLogs;
  int batches;
  double seconds;
  String stoppedBy = "inputs";
  final Map<String, Long> answers = new TreeMap<>();
  final List<String> samples = new ArrayList<>();

  Tally(String entryPoint) {
    this.entryPoint = entryPoint;
  }

  public String entryPoint() {
    return entryPoint;
  }

  public long inputs() {
    return inputs;
  }

  synchronized void record(Outcome outcome) {
    inputs++;
    answers.merge(outcome.label(), 1L, Long::sum);
    if (outcome.serverError()) {
      serverErrors++;
      sample("server error: " + outcome.input());
    }
  }

  synchronized void sample(String text) {
    if (samples.size() < SAMPLES * 3) {
      samples.add(text.length() > 600 ? text.substring(0, 600) + "..." : text);
    }
  }

  /**
   * True when nothing input must never cause happened. Orphan tasks (see {@link Invariants#ORPHAN})
   * are reported, not counted here: they are the master's deliberate adoption of what an agent
   * reports, an open design question rather than a crash or corruption.
   */
  public boolean clean() {
    return serverErrors == 0 && violations == 0 && masterSilent == 0 && blockedWarnings == 0
        && errorLogs == 0;
  }

  String answersText() {
    return answers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static String table(List<Tally> tallies) {
    StringBuilder out = new StringBuilder();
    out.append("| Entry point | inputs | inputs/s | answers (status or event: count) | 5xx or"
        + " internal errors | invariant violations (transient) | orphan-task findings | master"
        + " silent | blocked-thread warnings | ERROR logs | stopped by |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Tally t : tallies) {
      out.append(String.format("| %s | %,d | %,.0f | %s | %d | %d (%d) | %d | %d | %d | %d | %s |%n",
          t.entryPoint, t.inputs, t.inputs / Math.max(0.001, t.seconds), t.answersText(),
          t.serverErrors, t.violations, t.transientViolations, t.orphanViolations, t.masterSilent,
          t.blockedWarnings, t.errorLogs, t.stoppedBy));
    }
    for (Tally t : tallies) {
      for (String sample : t.samples) {
        out.append("* ").append(t.entryPoint).append(": ").append(sample).append('\n');
      }
    }
    return out.toString();
  }
}
