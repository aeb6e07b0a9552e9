package io.x0tta6bl4.mapek.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class RetentionPrunerTest {

  private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

  private final Knowledge knowledge = mock(Knowledge.class);
  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void prunesWhatStartedBeforeNowMinusRetention() {
    given(knowledge.prune(NOW.minus(Duration.ofDays(2)))).willReturn(4);

    int deleted = new RetentionPruner(knowledge, Duration.ofDays(2), clock).pruneNow();

    assertThat(deleted).isEqualTo(4);
  }

  @Test
  void failedRunIsLoggedAndTheNextRunPrunesAgain() {
    given(knowledge.prune(NOW.minus(Duration.ofHours(1))))
        .willThrow(new DataAccessResourceFailureException("database down"))
        .willReturn(1);
    RetentionPruner pruner = new RetentionPruner(knowledge, Duration.ofHours(1), clock);

    assertThatCode(pruner::run).doesNotThrowAnyException();
    pruner.run();

    then(knowledge).should(times(2)).prune(NOW.minus(Duration.ofHours(1)));
  }

  @Test
  void scheduledPrunerKeepsRunningAfterAFailureOnItsOwnDaemonThread() throws Exception {
    CountDownLatch threeRuns = new CountDownLatch(3);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    given(knowledge.prune(NOW.minus(Duration.ofHours(1))))
        .willAnswer(
            invocation -> {
              threads.add(Thread.currentThread());
              threeRuns.countDown();
              throw new DataAccessResourceFailureException("database down");
            });
    RetentionPrunerLifecycle lifecycle =
        new RetentionPrunerLifecycle(
            new RetentionPruner(knowledge, Duration.ofHours(1), clock), Duration.ofMillis(1));

    lifecycle.start();
    boolean ranThreeTimes = threeRuns.await(30, TimeUnit.SECONDS);
    lifecycle.stop();

    assertThat(ranThreeTimes).as("ran three times despite failing").isTrue();
    assertThat(threads)
        .allSatisfy(
            thread -> {
              assertThat(thread.getName()).isEqualTo("knowledge-pruner");
              assertThat(thread.isDaemon()).isTrue();
            });
    assertThat(lifecycle.isRunning()).isFalse();
    // the pool has terminated; the thread itself may take a moment to unwind
    threads.get(0).join(5_000);
    assertThat(threads.get(0).isAlive()).as("thread ended with stop()").isFalse();
  }
}
