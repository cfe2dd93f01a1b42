package io.meseta.loadtest.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Counts, on the root logger, Vert.x's blocked-thread warnings (its {@code BlockedThreadChecker}
 * logs "Thread ... has been blocked for ...") and every ERROR, keeping the first few of each for the
 * report.
 */
final class LogWatch extends AppenderBase<ILoggingEvent> {
  private static final int KEPT = 5;
  final AtomicInteger blocked = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();
  final List<String> samples = new ArrayList<>();

  static LogWatch install() {
    LogWatch watch = new LogWatch();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    watch.setContext(root.getLoggerContext());
    watch.start();
    root.addAppender(watch);
    // Make sure the checker's warnings reach us whatever level the run logs at.
    ((Logger) LoggerFactory.getLogger("io.vertx.core.internal.threadchecker.BlockedThreadChecker"))
        .setLevel(Level.WARN);
    return watch;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (event.getLoggerName().contains("HttpClient")) {
      // The fuzzer's own client, logging the event streams it drops on purpose.
      return;
    }
    boolean isBlocked = message != null && message.contains("has been blocked for");
    if (isBlocked) {
      blocked.incrementAndGet();
    } else if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      errors.incrementAndGet();
    } else {
      return;
    }
    synchronized (samples) {
      if (samples.size() < KEPT * 2) {
        samples.add(event.getLoggerName() + ": " + message);
      }
    }
  }

  void uninstall() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
    stop();
  }
}
