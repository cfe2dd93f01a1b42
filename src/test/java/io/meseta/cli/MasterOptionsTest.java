package io.meseta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.allocation.AllocationPolicy;
import io.meseta.master.MasterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flags override the settings file, which overrides the built-in defaults. */
class MasterOptionsTest {
  @TempDir
  Path dir;

  private MasterConfig parse(String... args) {
    MasterCommand command = new MasterCommand();
    new CommandLine(command).parseArgs(args);
    return command.options.masterConfig(command.options.settings());
  }

  @Test
  void settingsFileValuesApplyAndFlagsWin() throws Exception {
    Path yaml = dir.resolve("m.yaml");
    Files.writeString(yaml, """
        master:
          port: 6060
          allocation_interval: 250ms
          allocation_policy: priority
          role_priorities: "prod=10,batch=-1"
        """);
    MasterConfig config = parse("--config", yaml.toString(), "--port", "7070");
    assertThat(config.port()).isEqualTo(7070);
    assertThat(config.allocationInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.allocationPolicy()).isEqualTo(AllocationPolicy.PRIORITY);
    assertThat(config.rolePriorities()).isEqualTo(Map.of("prod", 10, "batch", -1));
    assertThat(config.offerTimeout()).isZero();
    assertThat(parse("--offer-timeout", "30s").offerTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theShippedConfigIsValidAndMatchesTheDefaults() {
    MasterConfig shipped = parse("--config", Path.of("conf", "meseta.yaml").toString());
    MasterConfig defaults = MasterConfig.defaults();
    assertThat(shipped.port()).isEqualTo(defaults.port());
    assertThat(shipped.allocationPolicy()).isEqualTo(AllocationPolicy.DRF);
    assertThat(shipped.agentPingInterval()).isEqualTo(defaults.agentPingInterval());
  }

  @Test
  void badValuesSayWhatToFix() throws Exception {
    assertThatThrownBy(() -> parse("--allocation-policy", "lottery"))
        .hasMessageContaining("use one of drf, priority, fcfs");
    assertThatThrownBy(() -> parse("--offer-timeout", "30"))
        .hasMessageContaining("--offer-timeout needs a unit");
    assertThatThrownBy(() -> parse("--role-priorities", "prod=high"))
        .hasMessageContaining("priority of role 'prod' must be a whole number");
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "master:\n  allocation_interval: soon\n");
    assertThatThrownBy(() -> parse("--config", yaml.toString()))
        .hasMessageContaining("master.allocation_interval must be a duration like 500ms");
    assertThatThrownBy(() -> parse("--config", dir.resolve("missing.yaml").toString()))
        .hasMessageContaining("does not exist");
  }
}
