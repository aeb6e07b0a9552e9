package io.x0tta6bl4.mapek.monitor.scrape;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses one line of an exposition, no regular expressions: a sample {@code name{label="value",...}
 * value [timestamp] [# exemplar]} or a comment ({@code # HELP}, {@code # TYPE}, {@code # UNIT},
 * {@code # EOF}, anything else). Tokens may be separated by any number of spaces or tabs.
 */
final class LineParser {

  private static final Set<String> TYPES =
      Set.of(
          "counter",
          "gauge",
          "histogram",
          "gaugehistogram",
          "summary",
          "info",
          "stateset",
          "unknown",
          "untyped");

  private final ExpositionFormat format;
  private final Cursor in = new Cursor();

  LineParser(ExpositionFormat format) {
    this.format = format;
  }

  /**
   * Checks a comment line, one whose first non-blank character is {@code #}. A {@code HELP}, {@code
   * TYPE} or {@code UNIT} descriptor must name a valid metric; {@code TYPE} a known type.
   *
   * @return true when it is the {@code # EOF} that ends an OpenMetrics exposition
   */
  boolean comment(String text, int lineNumber) throws ScrapeException {
    in.reset(text, lineNumber);
    in.skipBlanks();
    in.skip();
    if (format == ExpositionFormat.OPENMETRICS && in.remaining().equals("EOF")) {
      return true;
    }
    in.skipBlanks();
    String keyword = in.word();
    boolean descriptor = keyword.equals("HELP") || keyword.equals("TYPE") || keyword.equals("UNIT");
    if (!descriptor || !in.skipBlanks()) {
      return false;
    }
    String name = in.metricName(" after # " + keyword);
    if (keyword.equals("TYPE")) {
      in.requireBlank("after the metric name of # TYPE");
      String type = in.remaining();
      if (!TYPES.contains(type)) {
        throw in.error("unknown metric type " + Cursor.quote(type) + " for '" + name + "'");
      }
    } else if (!in.atEnd() && !Cursor.isBlank(in.peek())) {
      throw in.error("expected a space after '" + name + "', found " + in.found());
    }
    return false;
  }

  /** Parses a sample line. */
  Sample sample(String text, int lineNumber) throws ScrapeException {
    in.reset(text, lineNumber);
    in.skipBlanks();
    String name = in.metricName("");
    Map<String, String> labels = Map.of();
    if (in.peek() == '{') {
      labels = labels(name);
    } else if (!in.atEnd() && !Cursor.isBlank(in.peek())) {
      throw in.error("expected '{' or a space after '" + name + "', found " + in.found());
    }
    in.skipBlanks();
    if (in.atEnd()) {
      throw in.error("missing value for '" + name + "'");
    }
    String token = in.token();
    double value;
    try {
      value = Numbers.parse(token);
    } catch (NumberFormatException e) {
      throw in.error("value " + Cursor.quote(token) + " of '" + name + "' is not a number");
    }
    return new Sample(name, labels, value, timestampAndRest(name));
  }

  private Map<String, String> labels(String name) throws ScrapeException {
    in.skip();
    Map<String, String> labels = new HashMap<>();
    while (true) {
      in.skipBlanks();
      if (in.peek() == '}') {
        in.skip();
        return labels;
      }
      String label = in.labelName(name);
      in.skipBlanks();
      in.expect('=', "expected '=' after label '" + label + "', found ");
      in.skipBlanks();
      in.expect('"', "expected a quoted value for label '" + label + "', found ");
      if (labels.put(label, in.quoted(label)) != null) {
        throw in.error("label '" + label + "' appears twice in '" + name + "'");
      }
      in.skipBlanks();
      if (in.atEnd()) {
        throw in.error("labels of '" + name + "' are not closed with '}'");
      }
      if (in.peek() == ',') {
        in.skip();
      } else if (in.peek() != '}') {
        throw in.error("expected ',' or '}' after label '" + label + "', found " + in.found());
      }
    }
  }

  /** The optional timestamp; an exemplar after the value ({@code # {...} value}) is ignored. */
  private Instant timestampAndRest(String name) throws ScrapeException {
    if (!in.skipBlanks() || in.atEnd() || in.peek() == '#') {
      return null;
    }
    String token = in.token();
    Instant timestamp = timestamp(token, name);
    if (in.skipBlanks() && !in.atEnd() && in.peek() != '#') {
      throw in.error("unexpected " + in.found() + " after the timestamp of '" + name + "'");
    }
    return timestamp;
  }

  private Instant timestamp(String token, String name) throws ScrapeException {
    try {
      if (format == ExpositionFormat.OPENMETRICS) {
        return Numbers.epochSeconds(token);
      }
      return Instant.ofEpochMilli(Numbers.integer(token));
    } catch (NumberFormatException e) {
      String unit =
          format == ExpositionFormat.OPENMETRICS
              ? "a number of seconds"
              : "an integer number of milliseconds";
      throw in.error("timestamp " + Cursor.quote(token) + " of '" + name + "' is not " + unit);
    }
  }
}
