package io.meseta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.master.MasterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Master flags and conf/meseta.yaml sections turn into the gateway's security settings. */
class SecurityOptionsTest {
  @TempDir
  Path dir;

  @Test
  void offUnlessAskedFor() {
    MasterConfig config = parse(empty());
    assertThat(config.security().auth().frameworks()).isFalse();
    assertThat(config.security().auth().agents()).isFalse();
    assertThat(config.security().limits().maxIdLength()).isEqualTo(255);
  }

  @Test
  void flagsTurnAuthenticationOnWithTheCredentialsFile() throws Exception {
    Path credentials = Files.writeString(dir.resolve("c.json"),
        "{\"credentials\":[{\"principal\":\"ops\",\"secret\":\"s\"}]}");
    MasterConfig config = parse(empty(), "--authenticate", "--authenticate-agents",
        "--credentials", credentials.toString());
    assertThat(config.security().auth().frameworks()).isTrue();
    assertThat(config.security().auth().agents()).isTrue();
    assertThat(config.security().auth().credentials().verify("ops", "s")).isTrue();
  }

  @Test
  void theConfigFileSetsJwtAndLimits() throws Exception {
    Path secret = Files.writeString(dir.resolve("jwt"), "hs256 secret\n");
    Path yaml = Files.writeString(dir.resolve("meseta.yaml"), String.join("\n",
        "security:", "  authenticate: true", "  jwt_secret_file: " + secret,
        "limits:", "  max_body_bytes: 2048", "  max_json_depth: 20", "  idle_timeout: 90s", ""));
    MasterConfig config = parse(Settings.load(yaml, true));
    assertThat(config.security().auth().jwt().algorithm()).isEqualTo("HS256");
    assertThat(config.security().auth().jwt().key()).isEqualTo("hs256 secret");
    assertThat(config.security().limits().maxBodyBytes()).isEqualTo(2048);
    assertThat(config.security().limits().maxJsonDepth()).isEqualTo(20);
    assertThat(config.security().limits().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void authenticationWithNoCredentialsOrKeyIsRefused() {
    assertThatThrownBy(() -> parse(empty(), "--authenticate"))
        .hasMessageContaining("give --credentials FILE");
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
