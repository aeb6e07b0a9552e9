package io.x0tta6bl4.mapek.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.monitor.TargetHttp;
import io.x0tta6bl4.mapek.monitor.TestHttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpProbeSourceTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final String JSON = "application/json";
  private static final String HEALTH =
      "{\"status\":\"ok\",\"replicas\":3,\"ready\":true,\"leader\":null,"
          + "\"checks\":{\"db\":{\"status\":\"UP\"}},\"zones\":[\"a\",\"b\"]}";

  private final TestHttpServer server = new TestHttpServer();

  /** Each reading is 40 ms after the previous one, so a probe takes exactly 0.04 s. */
  private final LongSupplier nanoTime =
      new LongSupplier() {
        private long now;

        @Override
        public long getAsLong() {
          now += 40_000_000L;
          return now;
        }
      };

  @AfterEach
  void stopServer() {
    server.close();
  }

  private HttpProbeSource probe(
      URI url, int expectedStatus, String pointer, String expected, Duration timeout) {
    Target target =
        new Target(
            "api",
            Target.Kind.HTTP,
            url,
            timeout,
            expectedStatus,
            pointer,
            expected,
            null,
            Map.of("team", "payments"),
            null);
    return new HttpProbeSource(target, new TargetHttp(TargetHttp.newClient(), 4096), nanoTime);
  }

  private HttpProbeSource probe(URI url, String pointer, String expected) {
    return probe(url, 0, pointer, expected, Duration.ofSeconds(5));
  }

  private static Map<String, Double> series(List<Observation> observations) {
    return observations.stream().collect(Collectors.toMap(Observation::series, Observation::value));
  }

  private ProbeFailedException failed(HttpProbeSource probe) {
    try {
      probe.collect(NOW);
    } catch (ProbeFailedException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected ProbeFailedException", e);
    }
    throw new AssertionError("the probe succeeded");
  }

  @Test
  void theExpectedStatusIsASuccess() throws Exception {
    URI url = server.respond("/healthz", 204, null, "");

    List<Observation> observations =
        probe(url, 204, null, null, Duration.ofSeconds(5)).collect(NOW);

    assertThat(series(observations))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                HttpProbeSource.SUCCESS, 1.0,
                HttpProbeSource.DURATION, 0.04,
                HttpProbeSource.STATUS, 204.0));
    assertThat(observations)
        .allMatch(o -> o.target().equals("api") && o.labels().equals(Map.of("team", "payments")));
  }

  @Test
  void anotherStatusFailsTheProbeAndStillReportsIt() {
    URI url = server.respond("/healthz", 503, "text/plain", "overloaded");

    ProbeFailedException failed = failed(probe(url, null, null));

    assertThat(failed).hasMessage("HTTP 503, expected 200");
    assertThat(series(failed.observations()))
        .containsEntry(HttpProbeSource.SUCCESS, 0.0)
        .containsEntry(HttpProbeSource.STATUS, 503.0)
        .containsEntry(HttpProbeSource.DURATION, 0.04);
  }

  @Test
  void aJsonFieldWithTheExpectedValueIsASuccess() throws Exception {
    URI url = server.respond("/health", 200, JSON, HEALTH);

    assertThat(series(probe(url, "/status", "ok").collect(NOW)))
        .containsEntry(HttpProbeSource.SUCCESS, 1.0);
    assertThat(server.acceptHeaders()).containsExactly("application/json");
  }

  @ParameterizedTest
  @CsvSource({
    "/replicas, 3",
    "/ready, true",
    "/leader, null",
    "/checks/db/status, UP",
    "/zones/1, b",
    "/zones, '[\"a\",\"b\"]'"
  })
  void jsonValuesAreComparedAsText(String pointer, String expected) throws Exception {
    URI url = server.respond("/health", 200, JSON, HEALTH);

    assertThat(series(probe(url, pointer, expected).collect(NOW)))
        .containsEntry(HttpProbeSource.SUCCESS, 1.0);
  }

  @Test
  void aJsonFieldWithAnotherValueFailsTheProbe() {
    URI url = server.respond("/health", 200, JSON, "{\"status\":\"degraded\"}");

    ProbeFailedException failed = failed(probe(url, "/status", "ok"));

    assertThat(failed).hasMessage("/status was \"degraded\", expected \"ok\"");
    assertThat(series(failed.observations()))
        .containsEntry(HttpProbeSource.SUCCESS, 0.0)
        .containsEntry(HttpProbeSource.STATUS, 200.0);
  }

  @Test
  void aMissingJsonFieldFailsTheProbe() {
    URI url = server.respond("/health", 200, JSON, "{\"state\":\"ok\"}");

    assertThat(failed(probe(url, "/status", "ok")))
        .hasMessage("/status is missing, expected \"ok\"");
    assertThat(failed(probe(url, "/status", null))).hasMessage("/status is missing");
  }

  @Test
  void aPointerWithoutAnExpectedValueOnlyNeedsTheFieldToExist() throws Exception {
    URI url = server.respond("/health", 200, JSON, HEALTH);

    assertThat(series(probe(url, "/checks/db", null).collect(NOW)))
        .containsEntry(HttpProbeSource.SUCCESS, 1.0);
  }

  @Test
  void aBodyThatIsNotJsonFailsTheProbe() {
    URI url = server.respond("/health", 200, "text/html", "<html><body>OK</body></html>");

    assertThat(failed(probe(url, "/status", "ok")).getMessage()).startsWith("body is not JSON: ");
  }

  @Test
  void jsonFollowedByGarbageIsNotJson() {
    URI url = server.respond("/health", 200, JSON, "{\"status\":\"ok\"} trailing");

    assertThat(failed(probe(url, "/status", "ok")).getMessage()).startsWith("body is not JSON: ");
  }

  @Test
  void anEmptyBodyWithAPointerFailsTheProbe() {
    URI url = server.respond("/health", 200, JSON, "");

    assertThat(failed(probe(url, "/status", "ok"))).hasMessage("body is empty, expected JSON");
  }

  @Test
  void theBodyIsNotReadWhenTheStatusIsAlreadyWrong() {
    URI url = server.respond("/health", 500, JSON, "x".repeat(10_000));

    assertThat(failed(probe(url, "/status", "ok"))).hasMessage("HTTP 500, expected 200");
  }

  @Test
  void aBodyOverTheLimitFailsTheProbe() {
    URI url = server.respond("/health", 200, JSON, "{\"pad\":\"" + "x".repeat(5000) + "\"}");

    assertThat(failed(probe(url, "/status", "ok"))).hasMessage("body larger than 4096 bytes");
  }

  @Test
  void aRefusedConnectionFailsTheProbeWithNoStatus() {
    ProbeFailedException failed = failed(probe(TestHttpServer.refusingUrl(), null, null));

    assertThat(failed).hasMessage("connection refused or host unreachable");
    assertThat(series(failed.observations()))
        .containsEntry(HttpProbeSource.SUCCESS, 0.0)
        .containsEntry(HttpProbeSource.STATUS, 0.0);
  }

  @Test
  void noAnswerWithinTheTimeoutFailsTheProbe() {
    URI url = server.hang("/health");

    assertThat(failed(probe(url, 0, null, null, Duration.ofMillis(250))))
        .hasMessage("timed out after 250ms");
  }

  @Test
  void itOnlyProbesHttpTargets() {
    Target scrape =
        new Target(
            "shop",
            Target.Kind.PROMETHEUS,
            server.url("/metrics"),
            null,
            0,
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(
            () -> new HttpProbeSource(scrape, new TargetHttp(TargetHttp.newClient(), 1), nanoTime))
        .hasMessage("target 'shop' is of kind prometheus, not http");
  }

  @Test
  void itsTimeoutIsTheTargets() {
    assertThat(probe(server.url("/h"), 0, null, null, Duration.ofMillis(750)).timeout())
        .isEqualTo(Duration.ofMillis(750));
  }
}
