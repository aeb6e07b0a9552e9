package io.x0tta6bl4.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.x0tta6bl4.mapek.MapeKLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Through the real export path (Boot's batch processor and its exporting predicates, an in-memory
 * exporter in place of OTLP): cycles and API requests are exported, probe requests are not.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "x0tta6bl4.loop.start-paused=true",
      "spring.datasource.url=jdbc:h2:mem:probespans;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "x0tta6bl4.monitor.self.data-directory=target/probe-spans-data"
    })
class ProbeSpansTest {

  private static final InMemorySpanExporter EXPORTED = InMemorySpanExporter.create();

  @LocalServerPort int port;
  @Autowired SdkTracerProvider tracerProvider;
  @Autowired MapeKLoop loop;

  @TestConfiguration(proxyBeanMethods = false)
  static class InMemoryExport {
    @Bean
    SpanExporter inMemoryExport() {
      return EXPORTED;
    }
  }

  @Test
  void probeRequestsAreNotExportedButApiRequestsAndCyclesAre() throws Exception {
    loop.runOnce();
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/health", "/ready", "/live", "/api/v1/loop")) {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
    tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);

    List<String> names = EXPORTED.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    assertThat(names)
        .contains("http get /api/v1/loop", "mapek.cycle", "mapek.monitor", "mapek.knowledge");
    assertThat(names).noneMatch(name -> name.matches("http get /(health|ready|live)"));
  }
}
