package io.meseta.tls;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificate chain and private key (both PEM files) a server presents: the master's gateway
 * and the agent's HTTP server ({@code --tls-cert FILE --tls-key FILE}).
 */
public record TlsIdentity(Path certificate, Path key) {
  public TlsIdentity {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    requireReadable(certificate, "--tls-cert (security.tls.cert)", "certificate");
    requireReadable(key, "--tls-key (security.tls.key)", "private key");
  }

  /**
   * Both or neither: a certificate without its key (or the reverse) is a mistake worth a refusal
   * at start-up rather than a server that silently speaks plain HTTP.
   *
   * @return null when neither is given
   * @throws IllegalArgumentException when only one is given or a file is unreadable
   */
  public static TlsIdentity ofNullable(String certificate, String key) {
    boolean noCert = certificate == null || certificate.isBlank();
    boolean noKey = key == null || key.isBlank();
    if (noCert && noKey) {
      return null;
    }
    if (noCert || noKey) {
      throw new IllegalArgumentException("TLS needs both --tls-cert FILE and --tls-key FILE"
          + " (security.tls.cert and security.tls.key); only the "
          + (noCert ? "key" : "certificate") + " was given");
    }
    return new TlsIdentity(Path.of(certificate), Path.of(key));
  }

  /** Makes the server speak TLS only: a plain HTTP request on its port fails the handshake. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(certificate.toString()).setKeyPath(key.toString()));
  }

  private static void requireReadable(Path file, String option, String what) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("the TLS " + what + " file " + file
          + " does not exist or is not readable; give a PEM file with " + option);
    }
  }
}
