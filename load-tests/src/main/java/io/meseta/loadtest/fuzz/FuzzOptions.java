package io.meseta.loadtest.fuzz;

import picocli.CommandLine.Option;

/** The knobs of a fuzz campaign. */
public final class FuzzOptions {
  @Option(names = "--inputs", description = "inputs per entry point (default ${DEFAULT-VALUE})")
  public long inputs = 100_000;

  @Option(names = "--batch", description = "inputs between two health and invariant checks"
      + " (default ${DEFAULT-VALUE})")
  public int batch = 1000;

  @Option(names = "--concurrency", description = "connections per entry point, each sending one"
      + " input at a time (default ${DEFAULT-VALUE})")
  public int concurrency = 8;

  @Option(names = "--max-seconds", description = "time cap per entry point; the count actually sent"
      + " is reported (default ${DEFAULT-VALUE})")
  public long maxSecondsPerEntryPoint = 180;

  @Option(names = "--agents", description = "real in-JVM agents (default ${DEFAULT-VALUE})")
  public int agents = 3;

  @Option(names = "--seed", description = "seed of every input's random source (default"
      + " ${DEFAULT-VALUE}); a run is reproducible per entry point and worker")
  public long seed = 1;

  @Option(names = "--only", description = "fuzz only the entry points whose name contains this")
  public String only;
}
