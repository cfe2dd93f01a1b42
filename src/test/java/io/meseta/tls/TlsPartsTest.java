package io.meseta.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsPartsTest {
  @Test
  void anHttpsAddressAsksForTlsAndStripsToHostAndPort() {
    assertThat(TlsScheme.isTls("https://master:5050")).isTrue();
    assertThat(TlsScheme.isTls("WSS://master:5050")).isTrue();
    assertThat(TlsScheme.isTls("http://master:5050")).isFalse();
    assertThat(TlsScheme.isTls("master:5050")).isFalse();
    assertThat(TlsScheme.strip("https://master:5050/")).isEqualTo("master:5050");
    assertThat(TlsScheme.strip("[::1]:5050")).isEqualTo("[::1]:5050");
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedAtStartUp() {
    assertThat(TlsIdentity.ofNullable(null, "")).isNull();
    assertThatThrownBy(() -> TlsIdentity.ofNullable("cert.pem", null))
        .hasMessageContaining("--tls-cert FILE and --tls-key FILE")
        .hasMessageContaining("only the certificate");
    assertThatThrownBy(() -> TlsIdentity.ofNullable("/nonexistent/cert.pem", "/nonexistent/k"))
        .hasMessageContaining("/nonexistent/cert.pem").hasMessageContaining("--tls-cert");
    assertThatThrownBy(() -> TlsTrust.ofNullable("/nonexistent/ca.pem"))
        .hasMessageContaining(TlsTrust.OPTION);
  }

  @Test
  void aFailedHandshakeIsExplainedWithTheTrustOption() {
    Exception failure = new RuntimeException("connect failed",
        new SSLHandshakeException("PKIX path building failed"));
    assertThat(TlsTrust.explain(failure, "master m:5050"))
        .contains("TLS handshake with master m:5050 failed", "PKIX", TlsTrust.OPTION);
    assertThat(TlsTrust.explain(new RuntimeException("Connection refused"), "m"))
        .isEqualTo("Connection refused");
  }

  @Test
  void anHttpsAddressOrAGivenCaMeansTls() throws Exception {
    TestCertificates certs = TestCertificates.get();
    TlsSettings withCa = new TlsSettings(null, new TlsTrust(certs.caCertificate));
    assertThat(withCa.tlsTo("master:5050")).isTrue();
    assertThat(TlsSettings.OFF.tlsTo("master:5050")).isFalse();
    assertThat(TlsSettings.OFF.tlsTo("https://master:5050")).isTrue();
    TlsSettings selfSigned = new TlsSettings(
        new TlsIdentity(certs.serverCertificate, certs.serverKey), null);
    assertThat(selfSigned.trustForOwnServer().caFile()).isEqualTo(certs.serverCertificate);
    assertThat(new TlsTrust(certs.caCertificate).sslContext()).isNotNull();
    assertThatThrownBy(() -> new TlsTrust(certs.serverKey).sslContext())
        .hasMessageContaining(TlsTrust.OPTION);
    assertThatThrownBy(TlsSettings.OFF::trustForOwnServer)
        .isInstanceOf(IllegalStateException.class);
    assertThat(Path.of(certs.serverKey.toString())).exists();
  }
}
