package io.meseta.cli;

import io.meseta.client.DriverOptions;
import io.meseta.tls.TlsScheme;
import io.meseta.tls.TlsTrust;
import java.net.http.HttpClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --tls-ca FILE}, inherited by every subcommand: the PEM CA certificate(s) that verify the
 * master (and the agents behind it), host names included. Given, it makes every connection TLS;
 * without it an {@code https://} address is verified against the JVM's trust store. One command
 * runs per process, so the value lives here, reset by {@link MesetaCommand#commandLine()}.
 */
final class ClientTls {
  private static Path caFile;

  static void reset() {
    caFile = null;
  }

  @Option(names = "--tls-ca", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "PEM CA certificate(s) to verify the master with (host names included);"
          + " connections use TLS even when the address has no https://")
  void caFile(Path value) {
    caFile = value;
  }

  /** The CA file given, or null. */
  static Path caFile() {
    return caFile;
  }

  /** Whether the commands reach {@code master} over TLS. */
  static boolean tlsTo(String master) {
    return caFile != null || TlsScheme.isTls(master);
  }

  /** The trust for {@code java.net.http}: the CA file, or the JVM's trust store. */
  static HttpClient.Builder applyTo(HttpClient.Builder builder) {
    return builder.sslContext(new TlsTrust(caFile).sslContext());
  }

  static DriverOptions applyTo(DriverOptions options) {
    return caFile == null ? options : options.withTlsTrust(caFile);
  }
}
