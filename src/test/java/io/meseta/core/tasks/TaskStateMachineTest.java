package io.meseta.core.tasks;

import static io.meseta.core.model.TaskState.TASK_FAILED;
import static io.meseta.core.model.TaskState.TASK_FINISHED;
import static io.meseta.core.model.TaskState.TASK_KILLED;
import static io.meseta.core.model.TaskState.TASK_KILLING;
import static io.meseta.core.model.TaskState.TASK_LOST;
import static io.meseta.core.model.TaskState.TASK_RUNNING;
import static io.meseta.core.model.TaskState.TASK_STAGING;
import static io.meseta.core.model.TaskState.TASK_STARTING;
import static io.meseta.core.model.TaskState.TASK_UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.AgentId;
import io.meseta.core.model.FrameworkId;
import io.meseta.core.model.TaskId;
import io.meseta.core.model.TaskState;
import io.meseta.core.resources.Resources;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStateMachineTest {
  private static final Resources RESOURCES = Resources.parse("cpus:1;mem:128");

  private static Task task(TaskState state) {
    Task staging = Task.staging(TaskId.of("t"), FrameworkId.of("f"), AgentId.of("a"), "t",
        RESOURCES);
    return walk(staging, state);
  }

  private static Task walk(Task task, TaskState... states) {
    for (TaskState s : states) {
      task = TaskStateMachine.apply(task, s).task();
    }
    return task;
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        // name, from, to, expected state afterwards, releases resources
        Arguments.of("staging task starts running", TASK_STAGING, TASK_RUNNING, TASK_RUNNING, false),
        Arguments.of("staging task reports starting", TASK_STAGING, TASK_STARTING, TASK_STARTING, false),
        Arguments.of("running task finishes and frees its resources", TASK_RUNNING, TASK_FINISHED, TASK_FINISHED, true),
        Arguments.of("running task fails and frees its resources", TASK_RUNNING, TASK_FAILED, TASK_FAILED, true),
        Arguments.of("running task is being killed, still holds resources", TASK_RUNNING, TASK_KILLING, TASK_KILLING, false),
        Arguments.of("killing task ends killed", TASK_KILLING, TASK_KILLED, TASK_KILLED, true),
        Arguments.of("staging task can fail to launch", TASK_STAGING, TASK_FAILED, TASK_FAILED, true),
        Arguments.of("partitioned task is unreachable, not terminal", TASK_RUNNING, TASK_UNREACHABLE, TASK_UNREACHABLE, false),
        Arguments.of("unreachable task that comes back runs again", TASK_UNREACHABLE, TASK_RUNNING, TASK_RUNNING, false),
        Arguments.of("finished task stays finished after a stale running", TASK_FINISHED, TASK_RUNNING, TASK_FINISHED, false),
        Arguments.of("killed task cannot become failed", TASK_KILLED, TASK_FAILED, TASK_KILLED, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void transition(String name, TaskState from, TaskState to, TaskState after, boolean releases) {
    Transition t = TaskStateMachine.apply(task(from), to);
    assertThat(t.task().state()).isEqualTo(after);
    assertThat(t.releases()).isEqualTo(releases);
    assertThat(t.effects()).last().isInstanceOf(TaskEffect.NotifyFramework.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void releasedResourcesAreTheTasks(String name, TaskState from, TaskState to, TaskState after,
      boolean releases) {
    List<TaskEffect> effects = TaskStateMachine.apply(task(from), to).effects();
    effects.stream().filter(TaskEffect.ReleaseResources.class::isInstance)
        .forEach(e -> assertThat(((TaskEffect.ReleaseResources) e).resources()).isEqualTo(RESOURCES));
  }

  @org.junit.jupiter.api.Test
  void aLostTaskThatComesBackHoldsItsResourcesAgainAndReleasesThemOnceMore() {
    Task lost = task(TASK_LOST);
    assertThat(lost.resourcesReleased()).isTrue();
    Task back = TaskStateMachine.apply(lost, TASK_RUNNING).task();
    assertThat(back.state()).isEqualTo(TASK_RUNNING);
    assertThat(back.resourcesReleased()).isFalse();
    assertThat(TaskStateMachine.apply(back, TASK_FINISHED).releases()).isTrue();
  }

  /** Whatever the agents report, a task's resources are released at most once per life. */
  @Property
  void resourcesAreReleasedAtMostOnceUntilTheTaskComesBack(@ForAll List<TaskState> reports) {
    Task task = task(TASK_STAGING);
    boolean held = true;
    for (TaskState report : reports) {
      Transition t = TaskStateMachine.apply(task, report);
      if (t.releases()) {
        assertThat(held).as("released while not held, after %s", report).isTrue();
        held = false;
      }
      if (!t.task().resourcesReleased()) {
        held = true;
      }
      assertThat(t.task().resourcesReleased()).isEqualTo(!held);
      task = t.task();
    }
  }
}
