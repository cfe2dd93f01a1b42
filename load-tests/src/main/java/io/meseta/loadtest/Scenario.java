package io.meseta.loadtest;

/** The load scenarios. {@code gateway} (REST job submissions) waits for the job service. */
public enum Scenario {
  /** Agents and frameworks turning tasks over as fast as offers allow. */
  THROUGHPUT,
  /** As many agents as possible registered and answering pings, with long-running tasks. */
  SCALE,
  /** Throughput while agents and frameworks keep joining and leaving. */
  CHURN;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
