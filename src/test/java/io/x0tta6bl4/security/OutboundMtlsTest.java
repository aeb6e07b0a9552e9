package io.x0tta6bl4.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.PeerTls;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.execute.ActionResult;
import io.x0tta6bl4.mapek.execute.ExecutorProperties;
import io.x0tta6bl4.mapek.execute.Sleeper;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import io.x0tta6bl4.mapek.execute.WebhookActionHandler;
import io.x0tta6bl4.mapek.monitor.MetricSource;
import io.x0tta6bl4.mapek.monitor.TargetDownException;
import io.x0tta6bl4.mapek.monitor.TargetHttp;
import io.x0tta6bl4.mapek.monitor.TargetSources;
import io.x0tta6bl4.testsupport.StaticX509Source;
import io.x0tta6bl4.testsupport.TestCa;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scrapes and webhooks towards a real TLS 1.3 server that requires a client certificate: the
 * controller presents its SVID, and talks only to a server that proves the expected SPIFFE ID.
 */
class OutboundMtlsTest {

  private static final TestCa CA = TestCa.create("example.org");
  private static final TestCa OTHER = TestCa.create("evil.example");
  private static final String SHOP = "spiffe://example.org/ns/shop/sa/web";
  private static final String CONTROLLER = "spiffe://example.org/ns/x0tta6bl4/sa/controller";

  private final PeerTls controller =
      new SvidPeerTls(StaticX509Source.of(CA.issue("/ns/x0tta6bl4/sa/controller"), CA));
  private final List<String> callers = new CopyOnWriteArrayList<>();
  private HttpsServer server;

  @BeforeEach
  void startShop() throws IOException {
    server = serve(StaticX509Source.of(CA.issue("/ns/shop/sa/web"), CA, OTHER));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aScrapePresentsTheControllersSvidAndReadsTheTarget() throws Exception {
    List<Observation> seen = scrape(controller, SHOP);

    assertThat(seen)
        .anySatisfy(o -> assertThat(o.series()).isEqualTo("shop_orders_total"))
        .anySatisfy(o -> assertThat(o.value()).isEqualTo(42.0));
    assertThat(callers).containsExactly(CONTROLLER);
  }

  @Test
  void aTargetThatProvesAnotherIdIsDown() {
    assertThatThrownBy(() -> scrape(controller, "spiffe://example.org/ns/shop/sa/checkout"))
        .isInstanceOf(TargetDownException.class);
    assertThat(callers).isEmpty();
  }

  @Test
  void aTargetFromAnotherTrustDomainIsDown() throws IOException {
    server.stop(0);
    server = serve(StaticX509Source.of(OTHER.issue("/ns/shop/sa/web"), CA, OTHER));

    assertThatThrownBy(() -> scrape(controller, "spiffe://evil.example/ns/shop/sa/web"))
        .isInstanceOf(TargetDownException.class);
    assertThat(callers).isEmpty();
  }

  @Test
  void withoutAnIdentityTheTargetIsDownWithTheReason() {
    assertThatThrownBy(() -> scrape(PeerTls.unavailable(), SHOP))
        .isInstanceOf(TargetDownException.class)
        .hasMessageContaining("SPIFFE_ENDPOINT_SOCKET");
  }

  @Test
  void aWebhookWithASpiffeIdGoesOverMutualTls() throws Exception {
    ActionResult result = webhook(controller, Map.of("spiffe-id", SHOP));

    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(callers).containsExactly(CONTROLLER);
  }

  @Test
  void aWebhookReceiverWithTheWrongIdGetsNothing() throws Exception {
    ActionResult result =
        webhook(controller, Map.of("spiffe-id", "spiffe://example.org/ns/ops/sa/pager"));

    assertThat(result.succeeded()).isFalse();
    assertThat(callers).isEmpty();
  }

  @Test
  void aWebhookWithASpiffeIdButNoIdentityIsRefusedBeforeSending() {
    assertThatThrownBy(() -> webhook(PeerTls.unavailable(), Map.of("spiffe-id", SHOP)))
        .isInstanceOf(TerminalActionException.class)
        .hasMessageContaining("SPIFFE_ENDPOINT_SOCKET");
  }

  private List<Observation> scrape(PeerTls tls, String spiffeId) throws Exception {
    Target target =
        new Target(
            "shop",
            Target.Kind.PROMETHEUS,
            url("/metrics"),
            Duration.ofSeconds(5),
            0,
            null,
            null,
            null,
            Map.of(),
            spiffeId);
    MetricSource source =
        new TargetSources(TargetHttp.newClient(), tls, 1 << 20, 1000, System::nanoTime)
            .create(target);
    return source.collect(Instant.now());
  }

  private ActionResult webhook(PeerTls tls, Map<String, String> params) throws Exception {
    ExecutorProperties.Webhook settings = ExecutorProperties.Webhook.defaults();
    WebhookActionHandler handler =
        new WebhookActionHandler(
            WebhookActionHandler.httpClient(settings),
            tls,
            new ExecutorProperties.Webhook(
                url("/hook"),
                settings.connectTimeout(),
                settings.requestTimeout(),
                0,
                settings.initialBackoff(),
                settings.backoffMultiplier(),
                settings.maxBackoff(),
                null,
                null),
            Duration.ofSeconds(10),
            Clock.systemUTC(),
            Sleeper.THREAD);
    Action action =
        new Action("7-1", "webhook", "shop", params, "anomaly", 0, "anomaly", "a test action");
    return handler.run(action, new CycleContext(7, Instant.now(), Mode.ACTIVE));
  }

  private URI url(String path) {
    return URI.create("https://localhost:" + server.getAddress().getPort() + path);
  }

  /** A TLS 1.3 server that requires a client SVID and records the caller's SPIFFE ID. */
  private HttpsServer serve(StaticX509Source identity) throws IOException {
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(SvidSslContexts.server(identity).context()) {
          @Override
          public void configure(HttpsParameters params) {
            var ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setNeedClientAuth(true);
            ssl.setProtocols(new String[] {SvidSslContexts.PROTOCOL});
            params.setSSLParameters(ssl);
          }
        });
    https.createContext(
        "/",
        exchange -> {
          X509Certificate[] peer =
              (X509Certificate[]) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
          callers.add(PeerIdentity.of(peer).orElseThrow().toString());
          byte[] body =
              "# TYPE shop_orders_total counter\nshop_orders_total 42\n"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    https.start();
    return https;
  }
}
