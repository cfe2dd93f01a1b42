package io.meseta.e2e;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * The public face of {@link TestCluster} and {@link TestFramework} for end-to-end tests in other
 * packages (the web console's browser test): a real master with real agents, and one SDK
 * framework that launches shell commands on demand.
 */
public final class ClusterFixture implements AutoCloseable {
  private final TestCluster cluster;
  private TestFramework framework;

  private ClusterFixture(TestCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a master and {@code agents} agents offering {@code resources} each. */
  public static ClusterFixture start(int agents, String resources, Path workDir) throws Exception {
    return new ClusterFixture(TestCluster.start(agents, resources, workDir));
  }

  /** The master's base URL, like {@code http://127.0.0.1:41234}. */
  public String masterUrl() {
    return "http://" + cluster.masterAddress();
  }

  /** Launches a shell task from this fixture's framework (subscribed on first use). */
  public synchronized void launch(String taskId, String command) throws Exception {
    if (framework == null) {
      framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
          TestFramework.info("console-test", 0, false));
      framework.start();
    }
    framework.submit(taskId, command);
  }

  /** Waits until the framework saw the task finish. */
  public void awaitFinished(String taskId, Duration limit) throws Exception {
    framework.awaitState(taskId, TaskState.TASK_FINISHED, limit);
  }

  @Override
  public void close() throws Exception {
    try {
      if (framework != null) {
        framework.close();
      }
    } finally {
      cluster.close();
    }
  }
}
