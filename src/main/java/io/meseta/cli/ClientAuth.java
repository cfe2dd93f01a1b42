package io.meseta.cli;

import io.meseta.client.Credential;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The credential the client commands present to a master that authenticates: {@code --principal}
 * with {@code --secret-file}, else the environment ({@code MESETA_PRINCIPAL},
 * {@code MESETA_SECRET}). The flags are inherited by every subcommand; one command runs per
 * process, so their values live here, reset by {@link MesetaCommand#commandLine()}.
 */
final class ClientAuth {
  private static String principal;
  private static Path secretFile;

  static void reset() {
    principal = null;
    secretFile = null;
  }

  @Option(names = "--principal", scope = ScopeType.INHERIT,
      description = "principal to authenticate as (with --secret-file; or set MESETA_PRINCIPAL"
          + " and MESETA_SECRET)")
  void principal(String value) {
    principal = value;
  }

  @Option(names = "--secret-file", scope = ScopeType.INHERIT,
      description = "file holding the principal's secret")
  void secretFile(Path value) {
    secretFile = value;
  }

  /** The credential to present, if any; a half-given one says what is missing. */
  static Optional<Credential> credential() {
    if (principal != null || secretFile != null) {
      if (principal == null || secretFile == null) {
        throw new IllegalArgumentException("--principal and --secret-file go together: give both");
      }
      return Optional.of(Credential.withSecretFile(principal, secretFile));
    }
    return Credential.fromEnvironment(System.getenv());
  }

  /** The {@code Authorization} header value, or null. */
  static String authorization() {
    return credential().map(Credential::basicAuthorization).orElse(null);
  }
}
