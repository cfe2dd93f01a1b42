package io.meseta.core.tasks;

import io.meseta.core.model.TaskState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The task lifecycle. It decides the next state and returns the side effects; it performs none.
 *
 * <p>Every status an agent reports is forwarded to the framework (Mesos forwards what agents send,
 * so frameworks see even late or repeated updates). A terminal state is sticky: a later
 * non-terminal update cannot resurrect a finished task, except TASK_LOST, TASK_UNREACHABLE and
 * TASK_UNKNOWN, which the master assigns when it loses sight of an agent and which the agent may
 * correct when it comes back (Mesos 1.5+: partitioned tasks are not killed).
 */
public final class TaskStateMachine {

  /** States the master assigns on a guess; the agent's word overrides them. */
  private static final Set<TaskState> PROVISIONAL =
      EnumSet.of(TaskState.TASK_LOST, TaskState.TASK_UNREACHABLE, TaskState.TASK_UNKNOWN);

  private TaskStateMachine() {}

  public static Transition apply(Task task, TaskState next) {
    List<TaskEffect> effects = new ArrayList<>();
    TaskState current = task.state();
    if (current.isTerminal() && !PROVISIONAL.contains(current) && current != next) {
      // A stale update after the task ended: tell the framework, change nothing.
      effects.add(new TaskEffect.NotifyFramework());
      return new Transition(task, effects);
    }
    Task updated = task.withState(next);
    if (next.isTerminal() && !task.resourcesReleased()) {
      effects.add(new TaskEffect.ReleaseResources(task.resources()));
      updated = updated.released();
    } else if (!next.isTerminal() && task.resourcesReleased()) {
      // A lost task came back. Its resources return with its agent's re-registration, which
      // reports them as in use, so only the bookkeeping flag changes here.
      updated = new Task(
          task.id(), task.frameworkId(), task.agentId(), task.name(), task.resources(), next, false);
    }
    effects.add(new TaskEffect.NotifyFramework());
    return new Transition(updated, effects);
  }
}
