package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every agent registration and task lifecycle step is one key=value line on meseta.lifecycle. */
class LifecycleLogTest {
  @TempDir
  Path work;

  @Test
  void aTaskLeavesOneStructuredLinePerStep() throws Exception {
    Logger lifecycle = (Logger) LoggerFactory.getLogger("meseta.lifecycle");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Level before = lifecycle.getLevel();
    lifecycle.setLevel(Level.INFO);
    lifecycle.addAppender(lines);
    try (TestCluster cluster = TestCluster.start(1, "cpus:1;mem:256", work);
        TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
            TestFramework.info("logged", 0, false))) {
      framework.start();
      framework.submit("noted", "true");
      framework.awaitState("noted", TaskState.TASK_FINISHED, Duration.ofSeconds(20));
      Awaits.until("the finished line", Duration.ofSeconds(5), () -> messages(lines).stream()
          .anyMatch(m -> m.contains("state=TASK_FINISHED")));
      List<String> messages = messages(lines);
      assertThat(messages).anyMatch(m -> m.startsWith("event=agent_registered agent="));
      assertThat(messages).anyMatch(m -> m.startsWith("event=task_added task=noted ")
          && m.contains("state=TASK_STAGING"));
      assertThat(messages).anyMatch(m -> m.startsWith("event=task_update task=noted ")
          && m.contains("state=TASK_RUNNING") && m.contains("source=SOURCE_EXECUTOR"));
      assertThat(messages).filteredOn(m -> m.contains("task=noted"))
          .allMatch(m -> m.matches("event=\\w+( \\w+=\\S+)+"));
    } finally {
      lifecycle.detachAppender(lines);
      lifecycle.setLevel(before);
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> lines) {
    synchronized (lines) { // AppenderBase.doAppend holds this lock while it appends
      return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
