package io.meseta.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentFilesProxyTest {
  @ParameterizedTest
  @ValueSource(strings = {"sandboxes/fw-1/task-1/stdout", "sandboxes/fw-1/task.with.dots/stderr"})
  void forwardsPathsInsideTheSandboxes(String path) {
    assertThat(AgentFilesProxy.sandboxPath(path)).contains(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "meta/slaves", "sandboxes/../meta/agent.json",
      "sandboxes/fw/../../etc", "sandboxes/./x", "sandboxes\\..\\x", "../sandboxes/x"})
  void refusesEverythingElse(String path) {
    assertThat(AgentFilesProxy.sandboxPath(path)).isEmpty();
  }
}
