package io.x0tta6bl4.mapek.monitor.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Prometheus text format (0.0.4) or OpenMetrics (1.0) exposition into its samples, one
 * line at a time, with no regular expressions.
 *
 * <p>Understood: {@code # HELP}, {@code # TYPE} and {@code # UNIT} (checked, then dropped), other
 * comments and blank lines (skipped), {@code # EOF} (required at the end of OpenMetrics, nothing
 * may follow it), metric names with {@code :}, labels with the escapes {@code \\}, {@code \"} and
 * {@code \n}, a trailing comma and the empty set {@code {}}, values with exponents, {@code NaN} and
 * {@code ±Inf}, optional timestamps (integer milliseconds in the text format, float seconds in
 * OpenMetrics), and exemplars after {@code #} (ignored). Histograms, summaries and counters need
 * nothing special: every line is one sample under its own name ({@code _bucket}, {@code _sum},
 * {@code _count}, {@code _created}, {@code _gcount}, {@code _total}, ...).
 *
 * <p>It is strict so that garbage is rejected rather than turned into nonsense: an HTML page, JSON
 * or binary data fails on its first line. Every failure is a {@link ScrapeException} naming the
 * line: an unterminated label value, a missing value, a value or timestamp that is not a number, an
 * unknown type, a duplicate label, a line over {@link #MAX_LINE_BYTES}, more than the maximum
 * number of samples, bytes that are not UTF-8.
 */
public final class ExpositionParser {

  /** Longest line accepted, in bytes. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  /** Default for {@code x0tta6bl4.monitor.max-samples}. */
  public static final int DEFAULT_MAX_SAMPLES = 50_000;

  private final int maxSamples;

  /**
   * @param maxSamples most samples one exposition may hold, at least 1
   */
  public ExpositionParser(int maxSamples) {
    if (maxSamples < 1) {
      throw new IllegalArgumentException("maxSamples must be >= 1, but was " + maxSamples);
    }
    this.maxSamples = maxSamples;
  }

  /**
   * Reads {@code body} to its end.
   *
   * @throws ScrapeException when the body is not a valid exposition of that format
   * @throws IOException when the body cannot be read
   */
  public List<Sample> parse(InputStream body, ExpositionFormat format)
      throws ScrapeException, IOException {
    LineReader lines = new LineReader(body, MAX_LINE_BYTES);
    LineParser parser = new LineParser(format);
    List<Sample> samples = new ArrayList<>();
    boolean ended = false;
    for (String line = lines.next(); line != null; line = lines.next()) {
      int first = firstNonBlank(line);
      if (first == line.length()) {
        continue;
      }
      if (ended) {
        throw new ScrapeException(lines.number(), "text after # EOF");
      }
      if (line.charAt(first) == '#') {
        ended = parser.comment(line, lines.number());
      } else if (samples.size() == maxSamples) {
        throw new ScrapeException(lines.number(), "more than " + maxSamples + " samples");
      } else {
        samples.add(parser.sample(line, lines.number()));
      }
    }
    if (format == ExpositionFormat.OPENMETRICS && !ended) {
      throw new ScrapeException(
          Math.max(1, lines.number()), "the OpenMetrics body ends without # EOF (truncated?)");
    }
    return samples;
  }

  private static int firstNonBlank(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
