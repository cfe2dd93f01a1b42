package io.meseta.examples;

import com.google.protobuf.ByteString;
import io.meseta.executor.Executor;
import io.meseta.executor.ExecutorDriver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A custom executor: one JVM that runs many short tasks on a thread pool and echoes every
 * framework message back to the scheduler ({@code echo: <message>}). A task's {@code data}
 * (UTF-8) says what it does:
 *
 * <ul>
 *   <li>{@code sleep:<millis>} (also the default, 100 ms): work that long, then TASK_FINISHED
 *       with {@code data} {@code done <task id>};
 *   <li>{@code fail}: TASK_FAILED at once;
 *   <li>{@code crash:<millis>}: after that long, the whole executor dies with exit status 7,
 *       to see what the agent reports for its unfinished tasks.
 * </ul>
 *
 * Run by an agent: {@code java -cp meseta.jar io.meseta.examples.EchoExecutor}.
 */
public class EchoExecutor implements Executor {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  /** Running tasks; whoever removes a task sends its one terminal update. */
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();

  public static void main(String[] args) {
    System.exit(ExecutorDriver.run(new EchoExecutor()));
  }

  @Override
  public void registered(ExecutorDriver driver, ExecutorInfo executor, FrameworkInfo framework,
      AgentInfo agent) {
    System.out.println("registered: executor " + executor.getExecutorId().getValue()
        + " of framework " + framework.getName() + " on " + agent.getHostname());
  }

  @Override
  public void launchTask(ExecutorDriver driver, TaskInfo task) {
    String id = task.getTaskId().getValue();
    String work = task.getData().toStringUtf8();
    driver.sendStatusUpdate(status(id, TaskState.TASK_RUNNING, null));
    FutureTask<Void> job = new FutureTask<>(() -> {
      try {
        if (work.equals("fail")) {
          finish(driver, id, TaskState.TASK_FAILED, "failed on request");
          return;
        }
        if (work.startsWith("crash:")) {
          Thread.sleep(Long.parseLong(work.substring("crash:".length())));
          System.out.println("crashing on request of task " + id);
          Runtime.getRuntime().halt(7);
        }
        Thread.sleep(work.startsWith("sleep:") ? Long.parseLong(work.substring(6)) : 100);
        finish(driver, id, TaskState.TASK_FINISHED, "done " + id);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // killed: killTask reports it
      }
    }, null);
    running.put(id, job); // before it runs: a quick task must find itself here to report
    pool.execute(job);
  }

  @Override
  public void killTask(ExecutorDriver driver, TaskID taskId) {
    Future<?> work = running.remove(taskId.getValue());
    if (work != null) {
      work.cancel(true);
      driver.sendStatusUpdate(status(taskId.getValue(), TaskState.TASK_KILLED, "killed"));
    }
  }

  @Override
  public void frameworkMessage(ExecutorDriver driver, byte[] data) {
    driver.sendFrameworkMessage(("echo: " + new String(data, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void shutdown(ExecutorDriver driver) {
    running.keySet().forEach(id -> killTask(driver, TaskID.newBuilder().setValue(id).build()));
    pool.shutdownNow();
    driver.stop();
  }

  @Override
  public void error(ExecutorDriver driver, String message) {
    System.err.println("error: " + message);
  }

  private void finish(ExecutorDriver driver, String id, TaskState state, String data) {
    if (running.remove(id) != null) {
      driver.sendStatusUpdate(status(id, state, data));
    }
  }

  private static TaskStatus status(String taskId, TaskState state, String data) {
    TaskStatus.Builder status = TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(taskId)).setState(state);
    if (data != null) {
      status.setData(ByteString.copyFromUtf8(data)).setMessage(data);
    }
    return status.build();
  }
}
