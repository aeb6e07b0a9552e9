package io.x0tta6bl4.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spiffe.spiffeid.SpiffeId;
import io.x0tta6bl4.testsupport.FakeWorkloadApi;
import io.x0tta6bl4.testsupport.StaticX509Source;
import io.x0tta6bl4.testsupport.TestCa;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole controller with mTLS on, its identity served by a SPIFFE Workload API on a unix socket
 * exactly as a SPIRE agent serves it, and callers that present SVIDs from the same trust domain,
 * from another one, expired, or none. Every handshake is real.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "x0tta6bl4.loop.start-paused=true",
      "spring.datasource.url=jdbc:h2:mem:mtls;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "x0tta6bl4.security.mtls.enabled=true",
      "x0tta6bl4.security.roles.operator[0]=spiffe://example.org/ns/ops/*",
      "x0tta6bl4.security.roles.viewer[0]=spiffe://example.org/ns/monitoring/sa/grafana",
    })
class MtlsEndToEndTest {

  private static final TestCa CA = TestCa.create("example.org");
  private static final TestCa OTHER = TestCa.create("evil.example");
  private static final String SERVER_PATH = "/ns/x0/sa/x0tta6bl4";
  private static final SpiffeId SERVER = SpiffeId.parse("spiffe://example.org" + SERVER_PATH);
  private static FakeWorkloadApi agent;
  private static Path dir;

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @DynamicPropertySource
  static void workloadApi(DynamicPropertyRegistry registry) throws IOException {
    dir = Files.createTempDirectory("spire-agent");
    agent = FakeWorkloadApi.start(dir, CA, CA.issue(SERVER_PATH));
    registry.add("x0tta6bl4.security.spiffe.endpoint-socket", agent::address);
  }

  @AfterAll
  static void stopAgent() throws Exception {
    agent.close();
  }

  @Test
  void anOperatorMayChangeTheLoop() throws Exception {
    HttpResponse<String> paused = post(caller("/ns/ops/sa/oncall"), "/api/v1/loop/pause");

    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(paused.body()).contains("\"status\":\"paused\"");
  }

  @Test
  void aViewerMayReadButNotChange() throws Exception {
    HttpClient viewer = caller("/ns/monitoring/sa/grafana");

    assertThat(get(viewer, "/api/v1/loop").statusCode()).isEqualTo(200);
    HttpResponse<String> refused = post(viewer, "/api/v1/loop/pause");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.body())
        .contains("spiffe://example.org/ns/monitoring/sa/grafana has only the viewer role")
        .contains("needs the operator role");
  }

  @Test
  void aTrustedCallerWithoutARoleMayNotEvenRead() throws Exception {
    HttpResponse<String> refused = get(caller("/ns/other/sa/batch"), "/api/v1/loop");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("has no role");
  }

  @Test
  void theProbesAnswerAnyTrustedCaller() throws Exception {
    assertThat(get(caller("/ns/other/sa/batch"), "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aCallerWithoutACertificateFailsTheHandshake() throws Exception {
    SSLContext trustOnly = SSLContext.getInstance("TLSv1.3");
    trustOnly.init(
        null, new javax.net.ssl.TrustManager[] {clientContext("/ns/ops/sa/x").trust()}, null);
    HttpClient anonymous = HttpClient.newBuilder().sslContext(trustOnly).build();

    assertThatThrownBy(() -> get(anonymous, "/api/v1/loop")).isInstanceOf(IOException.class);
  }

  @Test
  void aCallerFromAnotherTrustDomainFailsTheHandshake() {
    SvidSslContexts.Managed stranger =
        SvidSslContexts.client(
            StaticX509Source.of(OTHER.issue("/ns/ops/sa/oncall"), CA, OTHER), Set.of(SERVER));
    HttpClient client = HttpClient.newBuilder().sslContext(stranger.context()).build();

    assertThatThrownBy(() -> post(client, "/api/v1/loop/pause")).isInstanceOf(IOException.class);
  }

  @Test
  void anExpiredSvidFailsTheHandshake() {
    Instant now = Instant.now();
    TestCa.Svid expired =
        CA.issue("/ns/ops/sa/oncall", now.minus(Duration.ofHours(2)), now.minusSeconds(60));
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(
                SvidSslContexts.client(StaticX509Source.of(expired, CA), Set.of(SERVER)).context())
            .build();

    assertThatThrownBy(() -> post(client, "/api/v1/loop/pause")).isInstanceOf(IOException.class);
  }

  @Test
  void tlsBelow13IsRefused() throws Exception {
    try (SSLSocket socket = socket("/ns/ops/sa/oncall")) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
    }
    try (SSLSocket socket = socket("/ns/ops/sa/oncall")) {
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void aRotatedSvidIsPresentedByTheNextConnectionWithoutARestart() throws Exception {
    BigInteger before = serverCertificate().getSerialNumber();
    TestCa.Svid rotated = CA.issue(SERVER_PATH);
    BigInteger expected = rotated.chain().get(0).getSerialNumber();

    agent.rotate(CA, rotated);

    // the agent pushes over a stream: wait for the controller to have taken it
    BigInteger seen = before;
    for (int i = 0; i < 100 && !seen.equals(expected); i++) {
      Thread.sleep(50);
      seen = serverCertificate().getSerialNumber();
    }
    assertThat(seen).isNotEqualTo(before).isEqualTo(expected);
    assertThat(get(caller("/ns/ops/sa/oncall"), "/api/v1/loop").statusCode()).isEqualTo(200);
  }

  @Test
  void theManagementPortServesOnlyProbesAndMetricsOverPlainHttp() throws Exception {
    HttpClient plain = HttpClient.newHttpClient();
    for (String open :
        new String[] {"/health", "/health/readiness", "/health/liveness", "/metrics"}) {
      assertThat(status(plain, managementPort, open)).as(open).isEqualTo(200);
    }
    for (String closed :
        new String[] {
          "/env",
          "/heapdump",
          "/beans",
          "/configprops",
          "/shutdown",
          "/info",
          "/threaddump",
          "/loggers",
          "/mappings"
        }) {
      assertThat(status(plain, managementPort, closed)).as(closed).isEqualTo(404);
    }
    // Tomcat answers plain HTTP on a TLS port with its own 400 "requires TLS", never the resource
    assertThat(status(plain, port, "/health")).isEqualTo(400);
  }

  private HttpClient caller(String path) {
    return HttpClient.newBuilder().sslContext(clientContext(path).context()).build();
  }

  private static SvidSslContexts.Managed clientContext(String path) {
    return SvidSslContexts.client(StaticX509Source.of(CA.issue(path), CA), Set.of(SERVER));
  }

  private SSLSocket socket(String path) throws IOException {
    return (SSLSocket)
        clientContext(path).context().getSocketFactory().createSocket("127.0.0.1", port);
  }

  private X509Certificate serverCertificate() throws IOException {
    try (SSLSocket socket = socket("/ns/ops/sa/oncall")) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int status(HttpClient client, int port, String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
