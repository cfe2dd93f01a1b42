package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.protocol.agent.CommandSpec;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The small pure pieces: ids as paths, master addresses, command lines, uuids, config. */
class AgentPartsTest {
  private final Sandboxes sandboxes = new Sandboxes(Path.of("/work"));

  @Test
  void aSandboxSitsUnderFrameworkAndTask() {
    assertThat(sandboxes.sandboxOf("fw-1", "web.1")).isEqualTo(Path.of("/work/sandboxes/fw-1/web.1"));
  }

  @ParameterizedTest(name = "task id \"{0}\" is refused")
  @ValueSource(strings = {"", ".", "..", "a/b", "../x", "a\\b", "tab\there", "nul\0"})
  void idsThatCannotBePathSegmentsAreRefused(String taskId) {
    assertThatThrownBy(() -> sandboxes.sandboxOf("fw-1", taskId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task_id");
  }

  @Test
  void masterAddressesParse() {
    assertThat(MasterAddress.parse("10.0.0.1:5050")).isEqualTo(new MasterAddress("10.0.0.1", 5050));
    assertThat(MasterAddress.parse("[::1]:5050")).isEqualTo(new MasterAddress("::1", 5050));
    assertThatThrownBy(() -> MasterAddress.parse("master")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> MasterAddress.parse("m:http")).hasMessageContaining("numeric port");
    assertThatThrownBy(() -> MasterAddress.parse("m:70000")).hasMessageContaining("out of range");
  }

  @Test
  void commandLinesRunUnderSetsid() {
    TaskLauncher launcher = new TaskLauncher(sandboxes);

    List<String> shell = launcher.commandLine(new CommandSpec(true, "echo $HOME", List.of(), Map.of()));
    List<String> argv = launcher.commandLine(new CommandSpec(false, "/bin/echo", List.of("echo", "a", "b"), Map.of()));
    List<String> bare = launcher.commandLine(new CommandSpec(false, "/bin/true", List.of(), Map.of()));

    assertThat(shell.get(0)).endsWith("setsid");
    assertThat(shell.subList(1, shell.size())).containsExactly("-w", "/bin/sh", "-c", "echo $HOME");
    assertThat(argv.subList(1, argv.size())).containsExactly("-w", "/bin/echo", "a", "b");
    assertThat(bare.subList(1, bare.size())).containsExactly("-w", "/bin/true");
    assertThatThrownBy(() -> launcher.commandLine(new CommandSpec(true, " ", List.of(), Map.of())))
        .hasMessageContaining("empty");
  }

  @Test
  void uuidsAreSixteenRandomBytesInBase64() {
    String a = StatusReports.newUuid();

    assertThat(Base64.getDecoder().decode(a)).hasSize(16);
    assertThat(a).isNotEqualTo(StatusReports.newUuid());
  }

  @Test
  void configDefaultsFollowMesosAndBadValuesAreRefused() {
    AgentConfig config = AgentConfig.builder(List.of("m:5050"), Path.of("work")).build();

    assertThat(config.workDir()).isAbsolute();
    assertThat(config.statusRetryInitial()).hasSeconds(10);
    assertThat(config.statusRetryMax()).hasMinutes(10);
    assertThat(config.port()).isEqualTo(5051);
    assertThatThrownBy(() -> AgentConfig.builder(List.of(), Path.of("w")).build()).hasMessageContaining("master");
    assertThatThrownBy(() -> AgentConfig.builder(List.of("m"), Path.of("w")).build()).hasMessageContaining("host:port");
    assertThatThrownBy(() -> AgentConfig.builder(List.of("m:1"), Path.of("w")).port(-1).build()).hasMessageContaining("port");
  }

  @Test
  void detectedMemoryKeepsAReserveBack() {
    long totalMb = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20;

    assertThat(ResourceDetector.memoryMegabytes()).isEqualTo(totalMb - Math.min(1024, totalMb / 2));
  }
}
