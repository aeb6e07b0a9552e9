package io.x0tta6bl4.mapek.monitor.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A scraped body is written by the target, which may be compromised: whatever its bytes, the parser
 * returns samples or a {@link ScrapeException}, never anything else. Saved inputs (run by every
 * build) are under {@code ExpositionParserFuzzTestInputs/}; see docs/fuzzing.md.
 */
class ExpositionParserFuzzTest {

  private static final int MAX_SAMPLES = 64;

  /**
   * The first byte picks the format (even: text 0.0.4, odd: OpenMetrics), the rest is the body. The
   * timeout is a hang guard for one input (a parse takes microseconds), not a speed test; in a
   * separate thread, so that a runaway parse fails the build instead of stalling it. While fuzzing,
   * Jazzer applies it to each input.
   */
  @FuzzTest(maxDuration = "10s")
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anyBodyParsesOrFailsWithAScrapeException(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    ExpositionFormat format =
        (input[0] & 1) == 0 ? ExpositionFormat.TEXT : ExpositionFormat.OPENMETRICS;
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    List<Sample> samples;
    try {
      samples = new ExpositionParser(MAX_SAMPLES).parse(new ByteArrayInputStream(body), format);
    } catch (ScrapeException expected) {
      assertThat(expected.line()).isPositive();
      return;
    }
    assertThat(samples).hasSizeLessThanOrEqualTo(MAX_SAMPLES);
    assertThat(samples).allSatisfy(s -> assertThat(s.name()).isNotEmpty());
  }
}
