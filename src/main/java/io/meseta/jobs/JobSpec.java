package io.meseta.jobs;

import io.meseta.core.placement.Constraint;
import io.meseta.core.placement.TaskShape;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a user asks for. Every task of the job (there are {@code gangSize} of them, started
 * together or not at all) runs {@code command} with {@code resources}. The constructor refuses
 * anything that could never run and says what to fix, so nothing invalid is ever queued.
 *
 * @param estimatedRuntime the user's estimate, used by SJF; null when not declared
 */
public record JobSpec(
    String name,
    String command,
    Resources resources,
    int priority,
    Duration estimatedRuntime,
    List<Constraint> constraints,
    RestartPolicy restart,
    int gangSize,
    String queue) {

  public static final String DEFAULT_QUEUE = "default";
  public static final Resources DEFAULT_RESOURCES = Resources.parse("cpus:0.1;mem:32");
  /** A gang this big is a typo, not a job; it also bounds one placement round's work. */
  public static final int MAX_GANG_SIZE = 1000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public JobSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1-64 letters, digits, '.', '_' or '-',"
          + " got '" + name + "'");
    }
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("command is missing; give a shell command such as"
          + " \"echo hello\"");
    }
    resources = resources == null ? DEFAULT_RESOURCES : resources;
    requireRunnable(resources);
    if (estimatedRuntime != null && estimatedRuntime.isNegative()) {
      throw new IllegalArgumentException("estimated_runtime must not be negative, got "
          + estimatedRuntime);
    }
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    restart = restart == null ? RestartPolicy.NEVER : restart;
    if (gangSize < 1 || gangSize > MAX_GANG_SIZE) {
      throw new IllegalArgumentException("gang_size must be 1.." + MAX_GANG_SIZE + ", got "
          + gangSize);
    }
    queue = queue == null ? DEFAULT_QUEUE : queue;
    if (!NAME.matcher(queue).matches()) {
      throw new IllegalArgumentException("queue must be 1-64 letters, digits, '.', '_' or '-',"
          + " got '" + queue + "'");
    }
  }

  /** A one-task job with defaults: no estimate, no constraints, no retries, default queue. */
  public static JobSpec simple(String name, String command, String resources, int priority) {
    return new JobSpec(name, command, Resources.parse(resources), priority, null, List.of(),
        RestartPolicy.NEVER, 1, DEFAULT_QUEUE);
  }

  public Optional<Duration> declaredRuntime() {
    return Optional.ofNullable(estimatedRuntime);
  }

  /** What each task of the job needs, for placement. */
  public TaskShape shape() {
    return new TaskShape(resources, constraints);
  }

  /**
   * A problem that depends on the cluster: a gang needs as many agents as it has tasks, because
   * its tasks are meant to run side by side. Empty when the job can be queued.
   */
  public Optional<String> problemOn(int activeAgents) {
    if (gangSize > 1 && gangSize > activeAgents) {
      return Optional.of("gang_size " + gangSize + " is larger than the cluster (" + activeAgents
          + " active agent" + (activeAgents == 1 ? "" : "s") + "); lower gang_size to at most "
          + Math.max(1, activeAgents) + " or add agents");
    }
    return Optional.empty();
  }

  private static void requireRunnable(Resources resources) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("resources must ask for something, e.g."
          + " \"cpus:0.5;mem:128\"");
    }
    for (Resource entry : resources.entries()) {
      if (!(entry instanceof Resource.Scalar)) {
        throw new IllegalArgumentException("resources: '" + entry.name() + "' is not a scalar;"
            + " jobs ask for scalar resources only (cpus, mem, disk, gpus)");
      }
      if (!entry.role().equals(Resource.UNRESERVED)) {
        throw new IllegalArgumentException("resources: '" + entry.name() + "(" + entry.role()
            + ")' names a role; jobs use the job service's role, write '" + entry.name()
            + ":...' without one");
      }
    }
  }
}
