package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.client.DriverOptions;
import io.meseta.examples.EchoExecutor;
import io.meseta.gateway.security.SecuritySettings;
import io.meseta.tls.TestCertificates;
import io.meseta.tls.TlsIdentity;
import io.meseta.tls.TlsSettings;
import io.meseta.tls.TlsTrust;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master and an agent serving TLS with a certificate made at test time: an SDK framework runs
 * a command task and a custom executor (the executor SDK over https to its agent) end to end;
 * a client trusting another CA is refused with a message naming the trust option; plain HTTP
 * on the TLS port gets nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir
  static Path work;
  private TestCertificates certs;
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    certs = TestCertificates.get();
    TlsSettings tls = new TlsSettings(
        new TlsIdentity(certs.serverCertificate, certs.serverKey),
        new TlsTrust(certs.caCertificate));
    cluster = TestCluster.start(TestCluster.fastConfig()
        .withSecurity(SecuritySettings.defaults().withTls(tls)), 1,
        "cpus:2;mem:1024;disk:100", work);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private DriverOptions trusting(Path ca) {
    return DriverOptions.defaults().withTlsTrust(ca);
  }

  @Test
  void aCommandTaskRunsOverTlsAndItsOutputIsServedOverHttps() throws Exception {
    assertThat(cluster.masterAddress()).startsWith("https://");
    String frameworkId;
    try (TestFramework framework = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("tls", 0, false), trusting(certs.caCertificate))) {
      framework.start();
      framework.submit("secure-echo", "echo over tls");
      framework.awaitState("secure-echo", TaskState.TASK_FINISHED, WAIT);
      frameworkId = framework.driver.frameworkId().orElseThrow().getValue();
    }
    HttpClient https = HttpClient.newBuilder()
        .sslContext(new TlsTrust(certs.caCertificate).sslContext()).build();
    int agentPort = cluster.agents.get(0).httpPort();
    HttpResponse<String> files = https.send(HttpRequest.newBuilder(URI.create(
        "https://127.0.0.1:" + agentPort + "/files/read?offset=0&length=100&path="
            + URLEncoder.encode("sandboxes/" + frameworkId + "/secure-echo/stdout",
                StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(files.statusCode()).isEqualTo(200);
    assertThat(files.body()).contains("over tls");
    // The console's proxy reads the same file over https from the agent.
    String agentId = cluster.state().getJsonArray("slaves").getJsonObject(0).getString("id");
    HttpResponse<String> proxied = https.send(HttpRequest.newBuilder(URI.create(
        cluster.masterAddress() + "/agent-files/" + agentId + "/read?offset=0&length=100&path="
            + URLEncoder.encode("sandboxes/" + frameworkId + "/secure-echo/stdout",
                StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(proxied.body()).contains("over tls");
  }

  @Test
  void theCliTheJobServiceAndTheConsoleProxyWorkOverTls() throws Exception {
    String[] tls = {"--master=" + cluster.masterAddress(), "--tls-ca=" + certs.caCertificate};
    CliRun submitted = CliRun.capturingSystemOut(concat(new String[] {"jobs", "submit",
        "--name", "tls-job", "--command", "echo job over tls", "--resources", "cpus:0.1;mem:32"},
        tls));
    assertThat(submitted.exitCode()).as(submitted.err()).isZero();
    Matcher id = Pattern.compile("(job-\\d+)").matcher(submitted.out());
    assertThat(id.find()).as(submitted.out()).isTrue();
    Awaits.until(id.group(1) + " finished", WAIT, () -> CliRun.capturingSystemOut(
        concat(new String[] {"jobs", "status", id.group(1)}, tls)).out().contains("FINISHED"));
    CliRun logs = CliRun.capturingSystemOut(concat(new String[] {"jobs", "logs", id.group(1)},
        tls));
    assertThat(logs.out()).as(logs.err()).contains("job over tls");

    CliRun untrusting = CliRun.capturingSystemOut("jobs", "list",
        "--master=" + cluster.masterAddress(), "--tls-ca=" + certs.otherCaCertificate);
    assertThat(untrusting.exitCode()).isNotZero();
    assertThat(untrusting.out() + untrusting.err()).contains(TlsTrust.OPTION);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void aCustomExecutorTalksToItsAgentOverTls() throws Exception {
    FrameworkInfo info = FrameworkInfo.newBuilder().setUser("test").setName("tls-exec").build();
    try (ExecutorFramework framework = new ExecutorFramework(cluster.vertx,
        cluster.masterAddress(), info, trusting(certs.caCertificate))) {
      framework.launch(ExecutorFramework.executor("tls-echo",
          ExecutorFramework.javaCommand(EchoExecutor.class), 0),
          List.of(ExecutorFramework.task("tls-exec-task", "sleep:100")));
      framework.awaitState("tls-exec-task", TaskState.TASK_FINISHED);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefusedNamingTheTrustOption() throws Exception {
    try (TestFramework wrongCa = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("untrusting", 0, false),
        trusting(certs.otherCaCertificate).withStartAttempts(1))) {
      assertThatThrownBy(wrongCa::start)
          .hasMessageContaining("TLS handshake")
          .hasMessageContaining(TlsTrust.OPTION);
    }
    // The JVM's default trust store knows no test CA either.
    try (TestFramework defaultTrust = new TestFramework(cluster.vertx, cluster.masterAddress(),
        TestFramework.info("default-trust", 0, false),
        DriverOptions.defaults().withStartAttempts(1))) {
      assertThatThrownBy(defaultTrust::start).hasMessageContaining(TlsTrust.OPTION);
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedEvenFromTheTrustedCa() throws Exception {
    HttpServer impostor = TestCluster.await(cluster.vertx.createHttpServer(
            new TlsIdentity(certs.wrongHostCertificate, certs.serverKey)
                .applyTo(new HttpServerOptions()))
        .requestHandler(request -> request.response().end())
        .listen(0, "127.0.0.1"));
    try (TestFramework framework = new TestFramework(cluster.vertx,
        "https://127.0.0.1:" + impostor.actualPort(), TestFramework.info("fooled", 0, false),
        trusting(certs.caCertificate).withStartAttempts(1))) {
      assertThatThrownBy(framework::start)
          .hasMessageContaining("TLS handshake").hasMessageContaining(TlsTrust.OPTION);
    } finally {
      TestCluster.await(impostor.close());
    }
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoAnswer() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String address = cluster.masterAddress().substring("https://".length());
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(
            "http://" + address + "/master/state")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }
}
