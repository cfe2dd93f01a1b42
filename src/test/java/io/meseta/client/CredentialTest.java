package io.meseta.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways an agent, the CLI or a framework is given its principal and secret. */
class CredentialTest {
  @TempDir
  Path dir;

  @Test
  void readsMesosCredentialFilesInJsonAndTextForm() throws Exception {
    Path json = Files.writeString(dir.resolve("c.json"),
        "{\"principal\":\"agent\",\"secret\":\"s1\"}\n");
    Path text = Files.writeString(dir.resolve("c.txt"), "agent s2\n");
    assertThat(Credential.fromFile(json)).isEqualTo(new Credential("agent", "s1"));
    assertThat(Credential.fromFile(text)).isEqualTo(new Credential("agent", "s2"));
    Path bad = Files.writeString(dir.resolve("bad"), "just-one-word");
    assertThatThrownBy(() -> Credential.fromFile(bad)).hasMessageContaining("'principal secret'");
  }

  @Test
  void aSecretFileLosesItsTrailingNewlineAndTheEnvironmentNeedsBothVariables() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3\n");
    assertThat(Credential.withSecretFile("ops", secret).secret()).isEqualTo("s3");
    assertThat(Credential.fromEnvironment(Map.of("MESETA_PRINCIPAL", "ops",
        "MESETA_SECRET", "s4"))).contains(new Credential("ops", "s4"));
    assertThat(Credential.fromEnvironment(Map.of("MESETA_PRINCIPAL", "ops"))).isEmpty();
  }

  @Test
  void neverShowsTheSecret() {
    Credential credential = new Credential("ops", "hunter2");
    assertThat(credential.toString()).doesNotContain("hunter2");
    assertThat(DriverOptions.defaults().withCredential(credential).toString())
        .doesNotContain("hunter2").doesNotContain(credential.basicAuthorization());
    assertThat(credential.basicAuthorization()).isEqualTo("Basic b3BzOmh1bnRlcjI=");
  }
}
