package io.meseta.cli;

import io.meseta.tls.TlsIdentity;
import io.meseta.tls.TlsSettings;
import io.meseta.tls.TlsTrust;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * TLS flags of the server commands (master, dev, agent): the PEM certificate and key the node
 * serves, and the CA it verifies other nodes with (the inherited {@code --tls-ca} of
 * {@link ClientTls}). Flags override {@code security.tls_cert}, {@code security.tls_key} and
 * {@code security.tls_ca} of conf/meseta.yaml.
 */
final class TlsOptions {
  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "serve HTTPS and WSS with this PEM certificate (chain); needs --tls-key")
  Path certificate;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "the PEM private key of --tls-cert")
  Path key;

  TlsSettings settings(Settings s) {
    String cert = certificate != null ? certificate.toString()
        : s.string("security", "tls_cert", "");
    String keyFile = key != null ? key.toString() : s.string("security", "tls_key", "");
    String caFile = ClientTls.caFile() != null ? ClientTls.caFile().toString()
        : s.string("security", "tls_ca", "");
    return new TlsSettings(TlsIdentity.ofNullable(cert, keyFile), TlsTrust.ofNullable(caFile));
  }
}
