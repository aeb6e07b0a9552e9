package io.x0tta6bl4.mapek.monitor.scrape;

import static io.x0tta6bl4.mapek.monitor.scrape.ExpositionFormat.OPENMETRICS;
import static io.x0tta6bl4.mapek.monitor.scrape.ExpositionFormat.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionParserTest {

  private final ExpositionParser parser =
      new ExpositionParser(ExpositionParser.DEFAULT_MAX_SAMPLES);

  static List<Sample> parse(ExpositionParser parser, String body, ExpositionFormat format)
      throws ScrapeException {
    try {
      return parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Sample> parse(String body, ExpositionFormat format) throws ScrapeException {
    return parse(parser, body, format);
  }

  static String resource(String name) {
    try (InputStream in = ExpositionParserTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Sample find(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + labels));
  }

  private ScrapeException failure(String body, ExpositionFormat format) {
    try {
      parse(body, format);
    } catch (ScrapeException e) {
      return e;
    }
    throw new AssertionError("parsed without a failure: " + body);
  }

  @Test
  void parsesSpringBootMicrometerTextOutput() throws Exception {
    List<Sample> samples = parse(resource("micrometer-text.txt"), TEXT);

    assertThat(samples).hasSize(78);
    Map<String, String> route =
        Map.of(
            "application", "checkout",
            "method", "GET",
            "uri", "/api/orders/{id}",
            "status", "200",
            "outcome", "SUCCESS",
            "exception", "none");
    assertThat(find(samples, "http_server_requests_seconds_bucket", Map.of("le", "+Inf")).labels())
        .containsAllEntriesOf(route)
        .hasSize(7);
    assertThat(find(samples, "http_server_requests_seconds_bucket", Map.of("le", "0.1")).value())
        .isEqualTo(1.0);
    assertThat(find(samples, "http_server_requests_seconds_count", route).value()).isEqualTo(2.0);
    assertThat(find(samples, "http_server_requests_seconds_sum", route).value()).isEqualTo(0.272);
    assertThat(find(samples, "orders_placed_total", Map.of("region", "eu-west")).value())
        .isEqualTo(17.0);
    assertThat(find(samples, "payload_size_bytes", Map.of("quantile", "0.99")).value())
        .isEqualTo(1216.0);
    assertThat(find(samples, "payload_size_bytes_count", Map.of()).value()).isEqualTo(1.0);
    assertThat(
            find(
                    samples,
                    "jvm_buffer_count_buffers",
                    Map.of("id", "mapped - 'non-volatile memory'"))
                .value())
        .isZero();
    assertThat(find(samples, "jvm_memory_max_bytes", Map.of("id", "G1 Old Gen")).value())
        .isEqualTo(6.320816128E9);
    assertThat(find(samples, "queue_backlog", Map.of()).value()).isNaN();
    assertThat(samples).allMatch(s -> s.timestamp() == null);
  }

  @Test
  void parsesSpringBootMicrometerOpenMetricsOutput() throws Exception {
    List<Sample> samples = parse(resource("micrometer-openmetrics.txt"), OPENMETRICS);

    assertThat(samples).hasSize(78);
    assertThat(find(samples, "orders_placed_total", Map.of()).value()).isEqualTo(17.0);
    assertThat(find(samples, "jvm_threads_started_threads_total", Map.of()).value()).isPositive();
  }

  @Test
  void parsesOpenMetricsWithExemplarsCreatedGaugeHistogramsAndUnits() throws Exception {
    List<Sample> samples = parse(resource("openmetrics-full.txt"), OPENMETRICS);

    assertThat(samples).hasSize(27);
    Sample requests =
        find(samples, "acme_http_requests_total", Map.of("route", "/api/orders", "code", "200"));
    assertThat(requests.value()).isEqualTo(1027.0);
    assertThat(requests.labels()).hasSize(2);
    assertThat(requests.timestamp()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
    assertThat(find(samples, "acme_http_requests_created", Map.of("code", "503")).value())
        .isEqualTo(1699999999.5);
    assertThat(find(samples, "acme_request_duration_seconds_bucket", Map.of("le", "+Inf")).value())
        .isEqualTo(1030.0);
    assertThat(find(samples, "acme_request_duration_seconds_bucket", Map.of("le", "0.1")).labels())
        .containsExactly(Map.entry("le", "0.1"));
    assertThat(find(samples, "acme_request_duration_seconds_created", Map.of()).value())
        .isEqualTo(1.69999e9);
    assertThat(find(samples, "acme_queue_wait_seconds_gcount", Map.of()).value()).isEqualTo(15.0);
    assertThat(find(samples, "acme_queue_wait_seconds_gsum", Map.of()).value()).isEqualTo(9.5);
    assertThat(find(samples, "acme_rpc_latency_seconds", Map.of("quantile", "0.99")).value())
        .isEqualTo(0.25);
    assertThat(find(samples, "acme_build_info", Map.of()).labels())
        .containsEntry("version", "3.1.0");
    assertThat(find(samples, "acme_feature", Map.of("acme_feature", "stable")).value()).isZero();
    assertThat(find(samples, "acme_temperature_celsius", Map.of("room", "empty")).value())
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void parsesTheTextFormatWithEscapesTimestampsColonsAndLooseSpacing() throws Exception {
    List<Sample> samples = parse(resource("text-full.txt"), TEXT);

    assertThat(samples).hasSize(11);
    Sample rule = find(samples, "job:http_requests:rate5m", Map.of());
    assertThat(rule.labels()).containsExactly(Map.entry("job", "checkout"));
    assertThat(rule.timestamp()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
    assertThat(find(samples, "process_start_time_seconds", Map.of()).labels()).isEmpty();
    assertThat(find(samples, "process_start_time_seconds", Map.of()).value()).isEqualTo(1.699999e9);
    assertThat(find(samples, "http_requests_total", Map.of("code", "400")).value()).isEqualTo(3.0);
    assertThat(find(samples, "msdos_file_access_time_seconds", Map.of()).labels())
        .containsEntry("path", "C:\\DIR\\FILE.TXT")
        .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
    Sample weird = find(samples, "something_weird", Map.of());
    assertThat(weird.value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(weird.timestamp()).isEqualTo(Instant.ofEpochMilli(-3982045));
    assertThat(find(samples, "rpc_duration_seconds", Map.of("quantile", "0.5")).value())
        .isEqualTo(4773.0);
    assertThat(find(samples, "http_request_duration_seconds_bucket", Map.of("le", "+Inf")).value())
        .isEqualTo(144320.0);
  }

  @Test
  void labelSetsMayBeEmptyOrEndWithAComma() throws Exception {
    List<Sample> samples = parse("a{} 1\nb{x=\"1\",} 2\nc{ x = \"1\" , y=\"2\" , } 3\n", TEXT);

    assertThat(samples)
        .extracting(Sample::labels)
        .containsExactly(Map.of(), Map.of("x", "1"), Map.of("x", "1", "y", "2"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "NaN|NaN",
        "nan|NaN",
        "+Inf|Infinity",
        "-Inf|-Infinity",
        "Inf|Infinity",
        "-infinity|-Infinity",
        "1e3|1000",
        "-1.5E-3|-0.0015",
        "2.5e+2|250",
        ".5|0.5",
        "5.|5",
        "-0|-0.0",
        "0.1|0.1",
        "1234567890123|1234567890123"
      })
  void valuesIncludeSpecialsAndExponents(String written, double expected) throws Exception {
    Double value = parse("m " + written + "\n", TEXT).get(0).value();

    assertThat(value).isEqualTo(Double.valueOf(expected));
  }

  @Test
  void textTimestampsAreMillisecondsAndOpenMetricsTimestampsAreSeconds() throws Exception {
    assertThat(parse("m 1 1700000000123\n", TEXT).get(0).timestamp())
        .isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
    assertThat(parse("m 1 1700000000.123\n# EOF\n", OPENMETRICS).get(0).timestamp())
        .isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
    assertThat(parse("m 1 1.7e9\n# EOF\n", OPENMETRICS).get(0).timestamp())
        .isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
  }

  /** Found by fuzzing: exact arithmetic on these exponents overflowed or ran for minutes. */
  @Test
  void openMetricsTimestampsWithHugeExponentsRoundToTheEpochOrFail() throws Exception {
    assertThat(parse("m 1 1e-999999999\n# EOF\n", OPENMETRICS).get(0).timestamp())
        .isEqualTo(Instant.EPOCH);
    assertThat(parse("m 1 -1e-9999999\n# EOF\n", OPENMETRICS).get(0).timestamp())
        .isEqualTo(Instant.EPOCH);
    assertThat(parse("m 1 0e999999999\n# EOF\n", OPENMETRICS).get(0).timestamp())
        .isEqualTo(Instant.EPOCH);
    assertThat(parse("m 1 1e-9\n# EOF\n", OPENMETRICS).get(0).timestamp())
        .isEqualTo(Instant.ofEpochSecond(0, 1));
    assertThat(failure("m 1 1e999999999\n# EOF\n", OPENMETRICS))
        .hasMessage("line 1: timestamp '1e999999999' of 'm' is not a number of seconds");
  }

  @Test
  void labelValuesSurviveARoundTripThroughEscaping() throws Exception {
    List<String> values =
        List.of(
            "plain",
            "back\\slash",
            "\"quoted\"",
            "two\nlines",
            "\\\"\n",
            "trailing backslash\\",
            "ünïcödé ✓ 日本",
            "{curly=\"braces\",}",
            "# not a comment",
            "");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      body.append("m{i=\"").append(i).append("\",v=\"").append(escape(values.get(i)));
      body.append("\"} ").append(i).append('\n');
    }

    List<Sample> samples = parse(body.toString(), TEXT);

    assertThat(samples).extracting(s -> s.labels().get("v")).containsExactlyElementsOf(values);
  }

  /** Escapes as the Prometheus and OpenMetrics writers do. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @ParameterizedTest
  @CsvSource({"text/plain;version=0.0.4", "application/openmetrics-text;version=1.0.0"})
  void labelValuesWrittenByThePrometheusClientParseBackUnchanged(String contentType)
      throws Exception {
    String tricky = "C:\\dir \"quoted\"\nnext line ünïcödé, {a=\"b\"} # x";
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("tricky.labels", () -> -1.5e-300).tag("v", tricky).register(registry);
    Counter.builder("ticks").register(registry).increment(3);

    List<Sample> samples = parse(registry.scrape(contentType), ExpositionFormat.of(contentType));

    assertThat(find(samples, "tricky_labels", Map.of()).labels()).containsEntry("v", tricky);
    assertThat(find(samples, "tricky_labels", Map.of()).value()).isEqualTo(-1.5e-300);
    assertThat(find(samples, "ticks_total", Map.of()).value()).isEqualTo(3.0);
  }

  @Test
  void anUnknownEscapeIsKeptAsWrittenLikePrometheusDoes() throws Exception {
    assertThat(parse("m{v=\"a\\tb\"} 1\n", TEXT).get(0).labels()).containsEntry("v", "a\\tb");
  }

  @Test
  void commentsBlankLinesAndCarriageReturnsAreSkipped() throws Exception {
    String body =
        "# just a comment\r\n\r\n   \n#\n# HELP m help with \\\\ and \\n escapes\r\n"
            + "# TYPE m gauge\n# UNIT m seconds\n\tm 1\r\n# TYPE\n# HELPER x\n";

    assertThat(parse(body, TEXT)).extracting(Sample::value).containsExactly(1.0);
  }

  @Test
  void aLastLineWithoutLineFeedIsStillRead() throws Exception {
    assertThat(parse("a 1\nb 2", TEXT)).extracting(Sample::name).containsExactly("a", "b");
  }

  @Test
  void anEmptyTextBodyHasNoSamples() throws Exception {
    assertThat(parse("", TEXT)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "a 1\\nb{c=\"d} 1|2|value of label 'c' is not terminated",
        "a{c=\"d\\\\\"} 1\\nb{c=\"x\\\"} 1|2|value of label 'c' is not terminated",
        "a{c=\"d\"}|1|missing value for 'a'",
        "a|1|missing value for 'a'",
        "a 12abc|1|value '12abc' of 'a' is not a number",
        "a 0x1p3|1|value '0x1p3' of 'a' is not a number",
        "a 1d|1|value '1d' of 'a' is not a number",
        "a 1e|1|value '1e' of 'a' is not a number",
        "a +NaN|1|value '+NaN' of 'a' is not a number",
        "a 1 2 3|1|unexpected '3' after the timestamp of 'a'",
        "a 1 1.5|1|timestamp '1.5' of 'a' is not an integer number of milliseconds",
        "a 1 99999999999999999999|1|timestamp '99999999999999999999' of 'a' is not an integer",
        "a{c=d} 1|1|expected a quoted value for label 'c', found 'd} 1'",
        "a{c} 1|1|expected '=' after label 'c', found '} 1'",
        "a{1c=\"d\"} 1|1|expected a label name in the labels of 'a', found '1c=\"d\"} 1'",
        "a{,} 1|1|expected a label name in the labels of 'a', found ',} 1'",
        "a{c=\"d\" e=\"f\"} 1|1|expected ',' or '}' after label 'c', found 'e=\"f\"} 1'",
        "a{c=\"d\",c=\"e\"} 1|1|label 'c' appears twice in 'a'",
        "a{c=\"d\"|1|labels of 'a' are not closed with '}'",
        "a-b 1|1|expected '{' or a space after 'a', found '-b 1'",
        "1a 1|1|expected a metric name, found '1a 1'",
        "# TYPE a countr|1|unknown metric type 'countr' for 'a'",
        "# TYPE 1a counter|1|expected a metric name after # TYPE, found '1a counter'",
        "# HELP a.b help|1|expected a space after 'a', found '.b help'",
        "ok 1\\n<!DOCTYPE html>|2|expected a metric name, found '<!DOCTYPE html>'"
      })
  void malformedLinesFailNamingTheLineAndTheProblem(String body, int line, String problem) {
    ScrapeException e = failure(body.replace("\\n", "\n"), TEXT);

    assertThat(e.line()).isEqualTo(line);
    assertThat(e.getMessage()).startsWith("line " + line + ": " + problem);
  }

  @Test
  void anHtmlPageIsRejectedOnItsFirstLine() {
    String html =
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
            + "<body><h1>Bad Gateway</h1></body></html>\n";

    assertThat(failure(html, TEXT))
        .hasMessage("line 1: expected a metric name, found '<!DOCTYPE html>'");
  }

  @Test
  void jsonIsRejectedOnItsFirstLine() {
    assertThat(failure("{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\"}}}", TEXT))
        .hasMessage(
            "line 1: expected a metric name, found '{\"status\":\"UP\",\"components\":{\"db…'");
  }

  @Test
  void binaryDataIsRejected() throws Exception {
    byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 'K', 'L'};

    assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(gzip), TEXT))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("line 1: is not valid UTF-8");
  }

  @Test
  void controlCharactersAreShownHarmlessly() {
    assertThat(failure("\u0001\u0002garbage 1", TEXT))
        .hasMessage("line 1: expected a metric name, found '??garbage 1'");
  }

  @Test
  void aLineOverTheLimitFailsWithoutReadingItAll() {
    String longLine = "m{v=\"" + "x".repeat(ExpositionParser.MAX_LINE_BYTES) + "\"} 1\n";

    assertThat(failure("ok 1\n" + longLine, TEXT))
        .hasMessage("line 2: longer than 65536 bytes")
        .extracting(ScrapeException::line)
        .isEqualTo(2);
  }

  @Test
  void moreSamplesThanTheLimitFail() throws Exception {
    ExpositionParser small = new ExpositionParser(3);

    assertThat(parse(small, "a 1\nb 2\n# c\nc 3\n", TEXT)).hasSize(3);
    assertThatThrownBy(() -> parse(small, "a 1\nb 2\n# c\nc 3\nd 4\n", TEXT))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("line 5: more than 3 samples");
  }

  @Test
  void openMetricsMustEndWithEof() {
    assertThat(failure("a_total 1\nb 2\n", OPENMETRICS))
        .hasMessage("line 2: the OpenMetrics body ends without # EOF (truncated?)");
    assertThat(failure("a_total 1\n# EOF\nb 2\n", OPENMETRICS))
        .hasMessage("line 3: text after # EOF");
  }

  @Test
  void openMetricsTimestampsMustBeNumbers() {
    assertThat(failure("a 1 soon\n# EOF\n", OPENMETRICS))
        .hasMessage("line 1: timestamp 'soon' of 'a' is not a number of seconds");
  }

  @Test
  void exemplarsAreIgnored() throws Exception {
    String body =
        "a_bucket{le=\"1\"} 3 # {trace_id=\"abc\"} 0.5 1700000000.1\n"
            + "a_bucket{le=\"+Inf\"} 4 1700000000 # {trace_id=\"def\"} 9\n# EOF\n";

    assertThat(parse(body, OPENMETRICS)).extracting(Sample::value).containsExactly(3.0, 4.0);
  }

  @Test
  void theFormatFollowsTheMediaType() {
    assertThat(ExpositionFormat.of("application/openmetrics-text; version=1.0.0; charset=utf-8"))
        .isEqualTo(OPENMETRICS);
    assertThat(ExpositionFormat.of("Application/OpenMetrics-Text")).isEqualTo(OPENMETRICS);
    assertThat(ExpositionFormat.of("text/plain; version=0.0.4; charset=utf-8")).isEqualTo(TEXT);
    assertThat(ExpositionFormat.of("")).isEqualTo(TEXT);
    assertThat(ExpositionFormat.of(null)).isEqualTo(TEXT);
  }
}
