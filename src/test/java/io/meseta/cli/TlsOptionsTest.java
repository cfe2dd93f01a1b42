package io.meseta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.master.MasterConfig;
import io.meseta.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --tls-cert, --tls-key and the inherited --tls-ca, or security.tls_* of the config file. */
class TlsOptionsTest {
  @TempDir
  Path dir;

  @Test
  void flagsMakeTheMasterServeTlsAndVerifyWithTheCa() throws Exception {
    TestCertificates certs = TestCertificates.get();
    MasterConfig config = master(empty(), "--tls-cert", certs.serverCertificate.toString(),
        "--tls-key", certs.serverKey.toString(), "--tls-ca", certs.caCertificate.toString());
    assertThat(config.security().tls().identity().certificate())
        .isEqualTo(certs.serverCertificate);
    assertThat(config.security().tls().trust().caFile()).isEqualTo(certs.caCertificate);
    assertThat(master(empty()).security().tls().serves()).isFalse();
  }

  @Test
  void theConfigFileGivesTheSameAndHalfAPairIsRefused() throws Exception {
    TestCertificates certs = TestCertificates.get();
    Path yaml = Files.writeString(dir.resolve("m.yaml"), "security:\n  tls_cert: "
        + certs.serverCertificate + "\n  tls_key: " + certs.serverKey + "\n");
    assertThat(master(Settings.load(yaml, true)).security().tls().serves()).isTrue();
    assertThatThrownBy(() -> master(empty(), "--tls-cert", certs.serverCertificate.toString()))
        .hasMessageContaining("--tls-key");
  }

  @Test
  void httpsAddressesAndTheCaFlagSwitchTheCliToTls() {
    MesetaCommand.commandLine().parseArgs("jobs", "list", "--master", "127.0.0.1:5050");
    assertThat(ClientTls.tlsTo("127.0.0.1:5050")).isFalse();
    assertThat(ClientTls.tlsTo("https://127.0.0.1:5050")).isTrue();
    assertThat(new MasterHttp("https://127.0.0.1:5050").scheme()).isEqualTo("https");
    assertThat(new MasterHttp("127.0.0.1:5050").scheme()).isEqualTo("http");
  }

  private Settings empty() {
    return Settings.load(dir.resolve("absent.yaml"), false);
  }

  private static MasterConfig master(Settings settings, String... args) {
    CommandLine cli = MesetaCommand.commandLine();
    String[] all = new String[args.length + 1];
    all[0] = "master";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult parsed = cli.parseArgs(all);
    MasterCommand master = parsed.subcommand().commandSpec().commandLine().getCommand();
    return master.options.masterConfig(settings);
  }
}
