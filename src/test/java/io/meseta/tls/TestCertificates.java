package io.meseta.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA and a server certificate it signed (for {@code localhost} and {@code 127.0.0.1}), made at
 * test time with the JDK's {@code keytool} (no extra dependency), as PEM files: what an operator
 * gives {@code --tls-cert}, {@code --tls-key} and {@code --tls-ca}. Made once per JVM; a second,
 * unrelated CA plays the part of the wrong trust anchor.
 */
public final class TestCertificates {
  private static final String PASS = "test-pass";
  private static TestCertificates shared;

  public final Path caCertificate;
  public final Path serverCertificate;
  public final Path serverKey;
  /** A CA that signed nothing here: trusting only it must refuse the server. */
  public final Path otherCaCertificate;
  /** Signed by the CA for {@code elsewhere.example} only (key: {@link #serverKey}). */
  public final Path wrongHostCertificate;

  private TestCertificates(Path dir) throws IOException, InterruptedException {
    Path ca = dir.resolve("ca.p12");
    Path other = dir.resolve("other-ca.p12");
    Path server = dir.resolve("server.p12");
    keytool(dir, null, "-genkeypair", "-alias", "ca", "-keyalg", "EC",
        "-dname", "CN=meseta test CA", "-ext", "bc:c", "-validity", "3",
        "-keystore", ca.toString());
    keytool(dir, null, "-genkeypair", "-alias", "ca", "-keyalg", "EC",
        "-dname", "CN=unrelated CA", "-ext", "bc:c", "-validity", "3",
        "-keystore", other.toString());
    keytool(dir, null, "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-dname", "CN=localhost", "-validity", "3", "-keystore", server.toString());
    byte[] request = keytool(dir, null, "-certreq", "-alias", "server",
        "-keystore", server.toString());
    byte[] signed = keytool(dir, request, "-gencert", "-alias", "ca", "-rfc", "-validity", "3",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", ca.toString());
    wrongHostCertificate = dir.resolve("wrong-host.pem");
    Files.write(wrongHostCertificate, keytool(dir, request, "-gencert", "-alias", "ca", "-rfc",
        "-validity", "3", "-ext", "SAN=dns:elsewhere.example", "-keystore", ca.toString()));
    caCertificate = dir.resolve("ca.pem");
    Files.write(caCertificate, keytool(dir, null, "-exportcert", "-rfc", "-alias", "ca",
        "-keystore", ca.toString()));
    otherCaCertificate = dir.resolve("other-ca.pem");
    Files.write(otherCaCertificate, keytool(dir, null, "-exportcert", "-rfc", "-alias", "ca",
        "-keystore", other.toString()));
    serverCertificate = dir.resolve("server.pem");
    Files.write(serverCertificate, signed);
    serverKey = dir.resolve("server-key.pem");
    Files.writeString(serverKey, privateKeyPem(server));
  }

  /** The certificates of this JVM, made at the first call (a few seconds of keytool). */
  public static synchronized TestCertificates get() throws IOException, InterruptedException {
    if (shared == null) {
      Path dir = Files.createTempDirectory("meseta-tls-");
      dir.toFile().deleteOnExit();
      shared = new TestCertificates(dir);
    }
    return shared;
  }

  private static String privateKeyPem(Path keystore) throws IOException {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASS.toCharArray());
      Key key = store.getKey("server", PASS.toCharArray());
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot read the test key from " + keystore + ": " + e, e);
    }
  }

  private static byte[] keytool(Path dir, byte[] input, String... args)
      throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS,
        "-noprompt", "-J-Xshare:auto", "-J-XX:TieredStopAtLevel=1")); // each run is a JVM
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    if (input != null) {
      process.getOutputStream().write(input);
    }
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + err);
    }
    return out;
  }
}
