package io.meseta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.acl.AclAction;
import io.meseta.master.MasterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --acls FILE} and {@code security.acls} load the master's ACLs; none means allow all. */
class AclsOptionTest {
  private static final String ACLS = "{\"permissive\":false,\"run_tasks\":[{\"principals\":"
      + "{\"type\":\"ANY\"},\"users\":{\"values\":[\"nobody\"]}}]}";

  @TempDir
  Path dir;

  @Test
  void withoutAFileEverythingIsAllowed() {
    MasterConfig config = parse(empty());
    assertThat(config.security().acls().configured()).isFalse();
  }

  @Test
  void theFlagAndTheConfigFileLoadTheAcls() throws Exception {
    Path file = Files.writeString(dir.resolve("acls.json"), ACLS);
    for (MasterConfig config : new MasterConfig[] {
        parse(empty(), "--acls", file.toString()),
        parse(Settings.load(Files.writeString(dir.resolve("meseta.yaml"),
            "security:\n  acls: " + file + "\n"), true))}) {
      assertThat(config.security().acls().allows(AclAction.RUN_TASKS, "a", "nobody")).isTrue();
      assertThat(config.security().acls().allows(AclAction.RUN_TASKS, "a", "root")).isFalse();
    }
  }

  @Test
  void aBadFileStopsTheMasterNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"run_task\":[]}");
    assertThatThrownBy(() -> parse(empty(), "--acls", file.toString()))
        .hasMessageContaining("bad.json").hasMessageContaining("unknown ACL 'run_task'");
    assertThatThrownBy(() -> parse(empty(), "--acls", dir.resolve("absent.json").toString()))
        .hasMessageContaining("absent.json");
  }

  private Settings empty() {
    return Settings.load(dir.resolve("absent.yaml"), false);
  }

  private static MasterConfig parse(Settings settings, String... args) {
    MasterOptions options = new MasterOptions();
    new CommandLine(options).parseArgs(args);
    return options.masterConfig(settings);
  }
}
