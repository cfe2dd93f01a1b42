package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.tls.TlsSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sandbox confinement for every id that becomes a path, and the task user policy. */
class TaskHygieneTest {
  private final Sandboxes sandboxes = new Sandboxes(Path.of("/work"));

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "../x", "a\\b", "nl\nhere"})
  void noFrameworkOrExecutorIdPlacesASandboxOutsideTheWorkDir(String id) {
    assertThatThrownBy(() -> sandboxes.sandboxOf(id, "task"))
        .hasMessageContaining("framework_id");
    assertThatThrownBy(() -> sandboxes.executorSandboxOf("fw", id))
        .hasMessageContaining("executor_id");
    assertThatThrownBy(() -> sandboxes.executorSandboxOf(id, "executor"))
        .hasMessageContaining("framework_id");
  }

  @Test
  void legitimateIdsStayUnderTheWorkDir() {
    Path sandbox = sandboxes.executorSandboxOf("fw-1", "..x..");
    assertThat(sandbox).isEqualTo(Path.of("/work/executors/fw-1/..x.."));
    assertThat(sandbox.normalize().startsWith(Path.of("/work"))).isTrue();
  }

  @Test
  void usersAreLookedUpAndNamesThatNoSystemAcceptsAreNeverPassedOn() {
    assertThat(TaskUsers.lookup("root")).get().extracting(TaskUsers.OsUser::uid).isEqualTo(0);
    assertThat(TaskUsers.lookup("no-such-user-9")).isEmpty();
    assertThat(TaskUsers.lookup("-rf")).isEmpty();
    assertThat(TaskUsers.lookup("a b")).isEmpty();
  }

  @Test
  void anAgentAsRootRefusesRootTasksAndUnknownUsers() {
    Assumptions.assumeTrue(TaskUsers.agentIsRoot(), "needs root; skipped as a normal user");
    TaskUsers switching = new TaskUsers(new AgentSecurity(TlsSettings.OFF, true, false));
    assertThat(switching.resolve("nobody")).get().extracting(TaskUsers.OsUser::name)
        .isEqualTo("nobody");
    assertThatThrownBy(() -> switching.resolve("root")).hasMessageContaining("--allow-root-tasks");
    assertThatThrownBy(() -> switching.resolve("")).hasMessageContaining("names no user");
    assertThatThrownBy(() -> switching.resolve("no-such-user-9"))
        .hasMessageContaining("does not exist");
    TaskUsers unswitched = new TaskUsers(new AgentSecurity(TlsSettings.OFF, false, false));
    assertThatThrownBy(() -> unswitched.resolve("anyone"))
        .hasMessageContaining("--switch-user").hasMessageContaining("--allow-root-tasks");
    assertThat(new TaskUsers(AgentSecurity.EMBEDDED).resolve("anyone")).isEmpty();
    assertThat(new TaskUsers(new AgentSecurity(TlsSettings.OFF, true, true)).resolve("root"))
        .isPresent();
  }
}
