package io.x0tta6bl4.mapek.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStatus;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real threads and short real timeouts; every wait is bounded, so a regression fails, not hangs.
 */
@Timeout(60)
class SourcesMonitorTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Duration SHORT = Duration.ofMillis(200);

  /** For sources that answer at once: no loaded machine is that slow. */
  private static final Duration AMPLE = Duration.ofSeconds(10);

  private final List<AutoCloseable> cleanup = new java.util.ArrayList<>();
  private long cycle;

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable closeable : cleanup) {
      closeable.close();
    }
  }

  private SourcesMonitor monitor(int concurrency, MetricSource... sources) {
    SourcesMonitor monitor =
        new SourcesMonitor(() -> List.of(sources), concurrency, System::nanoTime);
    cleanup.add(monitor::close);
    return monitor;
  }

  private Snapshot collect(SourcesMonitor monitor) {
    return monitor.collect(new CycleContext(++cycle, T0, Mode.ACTIVE));
  }

  private static Map<String, TargetStatus> byTarget(Snapshot snapshot) {
    return snapshot.targets().stream()
        .collect(Collectors.toMap(TargetStatus::target, Function.identity()));
  }

  /** Answers at once with one observation. */
  record Fixed(String target, double value) implements MetricSource {
    @Override
    public List<Observation> collect(Instant now) {
      return List.of(new Observation(target, "value", value));
    }
  }

  /** A source whose collect runs the given body. */
  interface Body {
    List<Observation> run() throws Exception;
  }

  static MetricSource source(String target, Duration timeout, Body body) {
    return new MetricSource() {
      @Override
      public String target() {
        return target;
      }

      @Override
      public Duration timeout() {
        return timeout;
      }

      @Override
      public List<Observation> collect(Instant now) throws Exception {
        return body.run();
      }
    };
  }

  /** Sleeps until interrupted, like a source blocked on a hung connection. */
  static final class Hung implements Body {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public List<Observation> run() {
      started.countDown();
      try {
        Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return List.of();
    }
  }

  /** Ignores interrupts until released, like a source stuck in an uninterruptible call. */
  final class Stubborn implements Body {
    final CountDownLatch release = new CountDownLatch(1);

    Stubborn() {
      cleanup.add(release::countDown);
    }

    @Override
    public List<Observation> run() {
      boolean done = false;
      while (!done) {
        try {
          done = release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException ignored) {
          // this source does not care
        }
      }
      return List.of();
    }
  }

  @Test
  void aHungSourceIsTimedOutAndInterruptedWhileTheOthersAreCollected() throws Exception {
    Hung hung = new Hung();
    SourcesMonitor monitor =
        monitor(4, new Fixed("a", 1), source("hung", SHORT, hung), new Fixed("b", 2));

    Snapshot snapshot = collect(monitor);

    Map<String, TargetStatus> targets = byTarget(snapshot);
    assertThat(targets.get("hung").up()).isFalse();
    assertThat(targets.get("hung").reason()).isEqualTo("timed out after 200ms");
    assertThat(targets.get("a").up()).isTrue();
    assertThat(targets.get("b").up()).isTrue();
    assertThat(snapshot.observations()).extracting(Observation::target).containsExactly("a", "b");
    assertThat(hung.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aTargetThatAcceptsButNeverAnswersIsDownWhileTheOthersAreScraped() throws Exception {
    TestHttpServer server = new TestHttpServer();
    cleanup.add(server);
    URI hung = server.hang("/hung");
    URI metrics = server.respond("/metrics", 200, "text/plain", "requests_total 7\n");
    URI health = server.respond("/health", 200, "application/json", "{\"status\":\"ok\"}");
    TargetSources factory = new TargetSources(1 << 20, 1000);
    SourcesMonitor monitor =
        monitor(
            8,
            factory.create(target("slow", Target.Kind.PROMETHEUS, hung, null, SHORT)),
            factory.create(target("shop", Target.Kind.PROMETHEUS, metrics, null, AMPLE)),
            factory.create(target("api", Target.Kind.HTTP, health, "/status", AMPLE)));

    Snapshot snapshot = collect(monitor);

    assertThat(snapshot.targets())
        .extracting(TargetStatus::target, TargetStatus::up, TargetStatus::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("slow", false, "timed out after 200ms"),
            org.assertj.core.groups.Tuple.tuple("shop", true, ""),
            org.assertj.core.groups.Tuple.tuple("api", true, ""));
    assertThat(snapshot.observations())
        .filteredOn(o -> o.series().equals("requests_total"))
        .extracting(Observation::value)
        .containsExactly(7.0);
  }

  private static Target target(
      String id, Target.Kind kind, URI url, String pointer, Duration timeout) {
    String expected = pointer == null ? null : "ok";
    return new Target(id, kind, url, timeout, 0, pointer, expected, null, Map.of(), null);
  }

  @Test
  void targetsAreReportedInTheSuppliersOrderWhateverOrderTheyAnswerIn() {
    CountDownLatch lastAnswered = new CountDownLatch(1);
    MetricSource first =
        source(
            "first",
            Duration.ofSeconds(10),
            () -> {
              lastAnswered.await();
              return List.of(new Observation("first", "value", 1));
            });
    MetricSource last =
        source(
            "last",
            Duration.ofSeconds(10),
            () -> {
              lastAnswered.countDown();
              return List.of(new Observation("last", "value", 3));
            });
    SourcesMonitor monitor = monitor(3, first, new Fixed("middle", 2), last);

    Snapshot snapshot = collect(monitor);

    assertThat(snapshot.targets())
        .extracting(TargetStatus::target)
        .containsExactly("first", "middle", "last");
    assertThat(snapshot.observations())
        .extracting(Observation::value)
        .containsExactly(1.0, 2.0, 3.0);
  }

  @Test
  void theSupplierIsAskedAgainEveryCycle() {
    AtomicReference<List<MetricSource>> current =
        new AtomicReference<>(List.of(new Fixed("a", 1), new Fixed("b", 2)));
    SourcesMonitor monitor = new SourcesMonitor(current::get, 2, System::nanoTime);
    cleanup.add(monitor::close);

    Snapshot before = collect(monitor);
    current.set(List.of(new Fixed("c", 3), new Fixed("a", 4)));
    Snapshot after = collect(monitor);

    assertThat(before.targets()).extracting(TargetStatus::target).containsExactly("a", "b");
    assertThat(after.targets()).extracting(TargetStatus::target).containsExactly("c", "a");
    assertThat(after.observations()).extracting(Observation::value).containsExactly(3.0, 4.0);
  }

  @Test
  void aThrowingSourceMarksOnlyItsOwnTargetDown() {
    SourcesMonitor monitor =
        monitor(
            2,
            source(
                "bug",
                AMPLE,
                () -> {
                  throw new IllegalStateException("boom");
                }),
            source(
                "io",
                AMPLE,
                () -> {
                  throw new IOException("reset by peer");
                }),
            source(
                "down",
                AMPLE,
                () -> {
                  throw new TargetDownException(
                      "HTTP 503", List.of(new Observation("down", "up", 0)), null);
                }),
            new Fixed("fine", 1));

    Snapshot snapshot = collect(monitor);

    assertThat(snapshot.targets())
        .extracting(TargetStatus::target, TargetStatus::up, TargetStatus::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bug", false, "IllegalStateException: boom"),
            org.assertj.core.groups.Tuple.tuple("io", false, "IOException: reset by peer"),
            org.assertj.core.groups.Tuple.tuple("down", false, "HTTP 503"),
            org.assertj.core.groups.Tuple.tuple("fine", true, ""));
    assertThat(snapshot.observations())
        .extracting(Observation::target, Observation::series, Observation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("down", "up", 0.0),
            org.assertj.core.groups.Tuple.tuple("fine", "value", 1.0));
  }

  @Test
  void anErrorIsNotMistakenForADownTargetButRethrown() {
    SourcesMonitor monitor =
        monitor(
            2,
            new Fixed("fine", 1),
            source(
                "broken",
                AMPLE,
                () -> {
                  throw new LinkageError("class changed under our feet");
                }));

    assertThatThrownBy(() -> collect(monitor))
        .isInstanceOf(LinkageError.class)
        .hasMessage("class changed under our feet");
  }

  @Test
  void aQueuedSourceGetsItsWholeTimeoutFromWhenItStarts() {
    Body slowButInTime =
        () -> {
          Thread.sleep(600);
          return List.of();
        };
    // one thread: together they take longer than either timeout, each alone does not
    SourcesMonitor monitor =
        monitor(
            1,
            source("one", Duration.ofSeconds(1), slowButInTime),
            source("two", Duration.ofSeconds(1), slowButInTime));

    Snapshot snapshot = collect(monitor);

    assertThat(snapshot.targets()).allMatch(TargetStatus::up);
  }

  @Test
  void aTargetWhoseSourceIgnoresItsTimeoutIsNotCollectedAgainUntilItReturns() throws Exception {
    Stubborn stubborn = new Stubborn();
    SourcesMonitor monitor =
        monitor(2, source("stuck", Duration.ofMillis(100), stubborn), new Fixed("fine", 1));

    Snapshot first = collect(monitor);
    Snapshot second = collect(monitor);
    stubborn.release.countDown();
    Snapshot third = collectUntilUp(monitor, "stuck");

    assertThat(byTarget(first).get("stuck").reason()).isEqualTo("timed out after 100ms");
    assertThat(byTarget(second).get("stuck").reason())
        .isEqualTo("the previous collection of this target is still running");
    assertThat(byTarget(second).get("fine").up()).isTrue();
    assertThat(byTarget(third).get("stuck").up()).isTrue();
  }

  /** Collects until the target is up again: its thread returns some time after being released. */
  private Snapshot collectUntilUp(SourcesMonitor monitor, String target) throws Exception {
    for (int attempt = 0; attempt < 500; attempt++) {
      Snapshot snapshot = collect(monitor);
      if (byTarget(snapshot).get(target).up()) {
        return snapshot;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(target + " never came back");
  }

  @Test
  void whenEveryThreadIsHeldByAStuckSourceAWaitingSourceIsGivenUpAfterItsTimeout()
      throws Exception {
    Stubborn stubborn = new Stubborn();
    SourcesMonitor monitor =
        monitor(
            1,
            source("stuck", Duration.ofMillis(100), stubborn),
            source("waiting", SHORT, () -> List.of(new Observation("waiting", "value", 1))));

    Snapshot snapshot = collect(monitor);
    stubborn.release.countDown();

    assertThat(byTarget(snapshot).get("stuck").reason()).isEqualTo("timed out after 100ms");
    assertThat(byTarget(snapshot).get("waiting").reason())
        .isEqualTo(
            "not collected: all 1 monitor threads are held by sources that ignored their timeout");
    assertThat(byTarget(collectUntilUp(monitor, "stuck")).get("waiting").up()).isTrue();
  }

  @Test
  void sourcesRunOnDaemonThreadsNamedMonitor() {
    AtomicReference<Thread> thread = new AtomicReference<>();
    SourcesMonitor monitor =
        monitor(
            1,
            source(
                "t",
                AMPLE,
                () -> {
                  thread.set(Thread.currentThread());
                  return List.of();
                }));

    collect(monitor);

    assertThat(thread.get().getName()).isEqualTo("monitor-1");
    assertThat(thread.get().isDaemon()).isTrue();
  }

  @Test
  void aClosedMonitorReportsEveryTargetDown() {
    SourcesMonitor monitor = monitor(1, new Fixed("a", 1));
    monitor.close();

    Snapshot snapshot = collect(monitor);

    assertThat(snapshot.targets())
        .extracting(TargetStatus::up, TargetStatus::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(false, "the monitor is closed"));
  }

  @Test
  void anInterruptedCollectionReportsAnUnansweredTargetDownAndKeepsTheInterrupt() throws Exception {
    Hung hung = new Hung();
    SourcesMonitor monitor = monitor(2, source("hung", Duration.ofSeconds(30), hung));
    AtomicReference<Snapshot> result = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread collector =
        new Thread(
            () -> {
              result.set(collect(monitor));
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });

    collector.start();
    assertThat(hung.started.await(10, TimeUnit.SECONDS)).isTrue();
    collector.interrupt();
    collector.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(byTarget(result.get()).get("hung").reason())
        .isEqualTo("the monitor was interrupted");
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(hung.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aSourceWithoutAUsableTimeoutGetsTheDefault() {
    MetricSource none = source("none", null, List::of);

    assertThat(collect(monitor(1, none)).targets().get(0).up()).isTrue();
    assertThat(MetricSource.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    assertThat(new Fixed("x", 1).timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void concurrencyMustBePositive() {
    assertThatThrownBy(() -> new SourcesMonitor(List::of, 0, System::nanoTime))
        .hasMessage("concurrency must be >= 1, but was 0");
  }
}
