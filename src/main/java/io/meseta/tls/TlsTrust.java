package io.meseta.tls;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a client verifies the server it reaches over TLS: against the PEM CA certificates of
 * {@code caFile} ({@code --tls-ca}), or against the JVM's default trust store when null. Host
 * names are always verified: a certificate must name the host the client dialled.
 */
public record TlsTrust(Path caFile) {
  /** Trust option named in every refusal, so the reader knows what to give. */
  public static final String OPTION = "--tls-ca FILE";

  public TlsTrust {
    if (caFile != null && (!Files.isRegularFile(caFile) || !Files.isReadable(caFile))) {
      throw new IllegalArgumentException("the TLS CA file " + caFile + " does not exist or is"
          + " not readable; give the PEM certificate of the CA that signed the master's"
          + " certificate with " + OPTION);
    }
  }

  /** The JVM's default trust store (public CAs). */
  public static TlsTrust systemDefault() {
    return new TlsTrust(null);
  }

  /** @return null when {@code caFile} is null or blank */
  public static TlsTrust ofNullable(String caFile) {
    return caFile == null || caFile.isBlank() ? null : new TlsTrust(Path.of(caFile));
  }

  /** Trust and host verification for connections that ask for TLS ({@code setSsl} per connect). */
  public WebSocketClientOptions applyTo(WebSocketClientOptions options) {
    options.setVerifyHost(true);
    if (caFile != null) {
      options.setTrustOptions(pem());
    }
    return options;
  }

  /** Trust and host verification, and TLS on every request of this client. */
  public <T extends HttpClientOptions> T applyTo(T options) {
    options.setSsl(true).setVerifyHost(true);
    if (caFile != null) {
      options.setTrustOptions(pem());
    }
    return options;
  }

  /**
   * A connection failure in words that say what to do: a failed handshake names the trust
   * option; anything else is passed through.
   */
  public static String explain(Throwable failure, String server) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return "TLS handshake with " + server + " failed (" + cause.getMessage() + "): the"
            + " server's certificate is not trusted or does not name that host; give the PEM"
            + " certificate of the CA that signed it with " + OPTION
            + " and dial the host name the certificate names";
      }
    }
    return failure.getMessage();
  }

  /**
   * The same trust for {@code java.net.http} clients (the CLI): an {@link SSLContext} whose
   * trust store holds the CA file's certificates, or the JVM's default.
   *
   * @throws IllegalArgumentException when the CA file holds no readable certificate
   */
  public SSLContext sslContext() {
    try {
      if (caFile == null) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      try (InputStream in = Files.newInputStream(caFile)) {
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
            .generateCertificates(in)) {
          store.setCertificateEntry("ca-" + n++, certificate);
        }
      }
      if (n == 0) {
        throw new IllegalArgumentException("the TLS CA file " + caFile + " holds no PEM"
            + " certificate; give the CA's certificate with " + OPTION);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the TLS CA file " + caFile + " ("
          + e.getMessage() + "); give a PEM certificate with " + OPTION, e);
    }
  }

  private PemTrustOptions pem() {
    return new PemTrustOptions().addCertPath(caFile.toString());
  }
}
