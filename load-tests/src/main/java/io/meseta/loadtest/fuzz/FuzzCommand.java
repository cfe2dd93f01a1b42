package io.meseta.loadtest.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code load-tests/run fuzz}: exits 1 if any input caused a failure it must never cause. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = "Mutated and generated inputs to every entry point of a real master and its agents")
public final class FuzzCommand implements Callable<Integer> {
  @Mixin
  FuzzOptions options = new FuzzOptions();

  @Override
  public Integer call() throws Exception {
    // Every rejected input would otherwise log a warning; blocked-thread warnings are still caught.
    for (String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "io.meseta", "io.vertx",
        "io.netty"}) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
    }
    long start = System.nanoTime();
    FuzzCampaign.Result result = new FuzzCampaign(options, System.out).run();
    System.out.printf("%n%s%n%,d inputs in %.0f s%n", result.table(), result.inputs(),
        (System.nanoTime() - start) / 1e9);
    return result.clean() ? 0 : 1;
  }
}
