package io.x0tta6bl4.mapek.monitor.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.monitor.TargetDownException;
import io.x0tta6bl4.mapek.monitor.TargetHttp;
import io.x0tta6bl4.mapek.monitor.TestHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusScrapeSourceTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final TestHttpServer server = new TestHttpServer();

  /** Each reading is 250 ms after the previous one, so a scrape takes exactly 0.25 s. */
  private final LongSupplier nanoTime =
      new LongSupplier() {
        private long now;

        @Override
        public long getAsLong() {
          now += 250_000_000L;
          return now;
        }
      };

  @AfterEach
  void stopServer() {
    server.close();
  }

  private PrometheusScrapeSource source(URI url, Duration timeout, long maxBodyBytes) {
    Target target =
        new Target(
            "checkout",
            Target.Kind.PROMETHEUS,
            url,
            timeout,
            0,
            null,
            null,
            "shop",
            Map.of("env", "prod"),
            null);
    return new PrometheusScrapeSource(
        target,
        new TargetHttp(TargetHttp.newClient(), maxBodyBytes),
        new ExpositionParser(ExpositionParser.DEFAULT_MAX_SAMPLES),
        nanoTime);
  }

  private PrometheusScrapeSource source(URI url) {
    return source(url, Duration.ofSeconds(5), TargetHttp.DEFAULT_MAX_BODY_BYTES);
  }

  private static double value(List<Observation> observations, String series) {
    return observations.stream()
        .filter(o -> o.series().equals(series))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in " + observations))
        .value();
  }

  private TargetDownException down(PrometheusScrapeSource source) {
    try {
      source.collect(NOW);
    } catch (TargetDownException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected TargetDownException", e);
    }
    throw new AssertionError("the target was up");
  }

  @Test
  void scrapesTheTextFormatAndAddsUpDurationAndSampleCount() throws Exception {
    URI url =
        server.respond("/metrics", 200, TEXT, ExpositionParserTest.resource("micrometer-text.txt"));

    List<Observation> observations = source(url).collect(NOW);

    assertThat(observations).hasSize(78 + 3).allMatch(o -> o.target().equals("checkout"));
    assertThat(value(observations, PrometheusScrapeSource.UP)).isEqualTo(1.0);
    assertThat(value(observations, PrometheusScrapeSource.DURATION)).isEqualTo(0.25);
    assertThat(value(observations, PrometheusScrapeSource.SAMPLES)).isEqualTo(78.0);
    assertThat(value(observations, "orders_placed_total")).isEqualTo(17.0);
    assertThat(observations)
        .filteredOn(o -> o.series().equals("orders_placed_total"))
        .extracting(Observation::labels)
        .containsExactly(Map.of("application", "checkout", "region", "eu-west", "env", "prod"));
    assertThat(server.acceptHeaders()).containsExactly(PrometheusScrapeSource.ACCEPT);
  }

  @Test
  void scrapesOpenMetricsWhenTheTargetAnswersInIt() throws Exception {
    URI url =
        server.respond(
            "/metrics", 200, OPENMETRICS, ExpositionParserTest.resource("openmetrics-full.txt"));

    List<Observation> observations = source(url).collect(NOW);

    assertThat(value(observations, PrometheusScrapeSource.SAMPLES)).isEqualTo(27.0);
    assertThat(value(observations, "acme_queue_wait_seconds_gcount")).isEqualTo(15.0);
    assertThat(value(observations, "acme_http_requests_created")).isEqualTo(1.69999e9);
  }

  @Test
  void aScrapedLabelNamedLikeATargetLabelIsKeptAsExported() throws Exception {
    URI url = server.respond("/metrics", 200, TEXT, "queue_depth{env=\"staging\",q=\"a\"} 4\n");

    List<Observation> observations = source(url).collect(NOW);

    assertThat(observations.get(0).labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("exported_env", "staging", "q", "a", "env", "prod"));
    assertThat(observations)
        .filteredOn(o -> o.series().equals(PrometheusScrapeSource.UP))
        .extracting(Observation::labels)
        .containsExactly(Map.of("env", "prod"));
  }

  @Test
  void aStatusOtherThan200MarksTheTargetDownWithTheStatus() {
    URI url = server.respond("/metrics", 503, "text/html", "<h1>Service Unavailable</h1>");

    TargetDownException down = down(source(url));

    assertThat(down).hasMessage("HTTP 503");
    assertThat(value(down.observations(), PrometheusScrapeSource.UP)).isZero();
    assertThat(value(down.observations(), PrometheusScrapeSource.SAMPLES)).isZero();
    assertThat(value(down.observations(), PrometheusScrapeSource.DURATION)).isEqualTo(0.25);
  }

  @Test
  void anHtmlPageMarksTheTargetDownWithTheParseError() {
    URI url =
        server.respond(
            "/metrics",
            200,
            "text/html; charset=utf-8",
            "<!DOCTYPE html>\n<html><body>Login required</body></html>\n");

    assertThat(down(source(url)))
        .hasMessage("invalid exposition, line 1: expected a metric name, found '<!DOCTYPE html>'");
  }

  @Test
  void aBodyOverTheLimitMarksTheTargetDownWhetherOrNotItsLengthIsDeclared() {
    String body = "padding_metric{v=\"" + "x".repeat(2000) + "\"} 1\n";
    URI declared = server.respond("/declared", 200, TEXT, body);
    URI chunked =
        server.handle(
            "/chunked",
            exchange ->
                TestHttpServer.sendChunked(exchange, TEXT, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(down(source(declared, Duration.ofSeconds(5), 1024)))
        .hasMessage("body larger than 1024 bytes");
    assertThat(down(source(chunked, Duration.ofSeconds(5), 1024)))
        .hasMessage("body larger than 1024 bytes");
    assertThat(down(source(chunked, Duration.ofSeconds(5), 1024)).observations())
        .extracting(Observation::series)
        .contains(PrometheusScrapeSource.UP);
  }

  @Test
  void aServerThatDoesNotAnswerWithinTheTimeoutMarksTheTargetDown() {
    URI url = server.hang("/metrics");

    assertThat(down(source(url, Duration.ofMillis(300), 1024))).hasMessage("timed out after 300ms");
  }

  @Test
  void aBodyThatStallsAfterTheHeadersIsCutOffAtTheTimeoutToo() {
    URI url = server.stallBody("/metrics", "first_metric 1\nsecond_met");

    assertThat(down(source(url, Duration.ofMillis(300), 1024))).hasMessage("timed out after 300ms");
  }

  @Test
  void aRefusedConnectionMarksTheTargetDown() {
    assertThat(down(source(TestHttpServer.refusingUrl())))
        .hasMessage("connection refused or host unreachable");
  }

  @Test
  void itOnlyScrapesPrometheusTargets() {
    Target probe =
        new Target(
            "api",
            Target.Kind.HTTP,
            URI.create("http://127.0.0.1/"),
            null,
            0,
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(
            () ->
                new PrometheusScrapeSource(
                    probe,
                    new TargetHttp(TargetHttp.newClient(), 1024),
                    new ExpositionParser(10),
                    nanoTime))
        .hasMessage("target 'api' is of kind http, not prometheus");
  }

  @Test
  void itsTimeoutIsTheTargets() {
    assertThat(source(server.url("/m"), Duration.ofMillis(1500), 1024).timeout())
        .isEqualTo(Duration.ofMillis(1500));
  }
}
