package io.x0tta6bl4.mapek.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void starMatchesAnyRunAndQuestionMarkExactlyOneCharacter() {
    assertThat(new Glob("*").matches("")).isTrue();
    assertThat(new Glob("*").matches("jvm_heap_used_ratio")).isTrue();
    assertThat(new Glob("jvm_*").matches("jvm_heap_used_ratio")).isTrue();
    assertThat(new Glob("jvm_*").matches("process_cpu_usage")).isFalse();
    assertThat(new Glob("*_seconds").matches("http_latency_mean_seconds")).isTrue();
    assertThat(new Glob("*_seconds").matches("http_latency_mean_seconds_max")).isFalse();
    assertThat(new Glob("http_*_seconds").matches("http_latency_mean_seconds")).isTrue();
    assertThat(new Glob("a*b*c").matches("aXbYbZc")).isTrue();
    assertThat(new Glob("a*b*c").matches("aXbYbZ")).isFalse();
    assertThat(new Glob("cpu?").matches("cpu1")).isTrue();
    assertThat(new Glob("cpu?").matches("cpu")).isFalse();
    assertThat(new Glob("exact").matches("exact")).isTrue();
    assertThat(new Glob("exact").matches("exactly")).isFalse();
  }

  @Test
  void excludeWinsOverInclude() {
    SeriesFilter filter = new SeriesFilter(List.of("http_*"), List.of("http_debug_*"), 10);

    assertThat(filter.accepts("http_latency_mean_seconds")).isTrue();
    assertThat(filter.accepts("http_debug_requests")).isFalse();
    assertThat(filter.accepts("jvm_heap_used_ratio")).isFalse();
    // answered from the cache the second time, with the same decision
    assertThat(filter.accepts("http_debug_requests")).isFalse();
    assertThat(filter.accepts("http_latency_mean_seconds")).isTrue();
  }

  @Test
  void decisionsStayCorrectWhenTheCacheIsFull() {
    SeriesFilter filter = new SeriesFilter(List.of("a*"), List.of(), 1);

    assertThat(filter.accepts("a1")).isTrue();
    assertThat(filter.accepts("b1")).isFalse();
    assertThat(filter.accepts("a2")).isTrue();
    assertThat(filter.accepts("b1")).isFalse();
  }
}
