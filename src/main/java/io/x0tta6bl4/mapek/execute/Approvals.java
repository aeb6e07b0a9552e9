package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Actions waiting for a person's approval. The Executor parks an action whose step requires
 * approval instead of running it; an operator approves or rejects it through the API, or it expires
 * after {@code timeout}. The final outcome replaces the AWAITING_APPROVAL one through the {@link
 * OutcomeSink} (Knowledge). Thread-safe: the loop parks and expires, the API approves and rejects.
 */
public final class Approvals {

  /** Where the outcome of an action that waited for approval ends up. */
  @FunctionalInterface
  public interface OutcomeSink {
    /**
     * @return false when the action was not waiting for approval any more
     */
    boolean complete(String actionId, Outcome outcome);
  }

  /** An action waiting for approval, from the cycle that planned it. */
  public record Pending(Action action, long cycleId, Instant expiresAt) {}

  private static final int RESUME_PAGE = 500;

  private final Duration timeout;
  private final OutcomeSink sink;
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  public Approvals(Duration timeout, OutcomeSink sink) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("approval timeout must be positive, but was " + timeout);
    }
    this.timeout = timeout;
    this.sink = sink;
  }

  Duration timeout() {
    return timeout;
  }

  synchronized Instant park(Action action, long cycleId, Instant now) {
    Instant expiresAt = now.plus(timeout);
    pending.put(action.id(), new Pending(action, cycleId, expiresAt));
    return expiresAt;
  }

  /**
   * Puts back, after a restart, the actions Knowledge still records as AWAITING_APPROVAL; each
   * keeps its original deadline (planned at + timeout), so one that ran out meanwhile expires in
   * the next cycle.
   *
   * @return how many actions wait again
   */
  public synchronized int resume(Knowledge knowledge) {
    int resumed = 0;
    for (int page = 0; ; page++) {
      Knowledge.Page<Knowledge.ActionRecord> waiting =
          knowledge.actions(OutcomeStatus.AWAITING_APPROVAL, page, RESUME_PAGE);
      for (Knowledge.ActionRecord record : waiting.items()) {
        pending.putIfAbsent(
            record.action().id(),
            new Pending(record.action(), record.cycleId(), record.plannedAt().plus(timeout)));
        resumed++;
      }
      if ((long) (page + 1) * RESUME_PAGE >= waiting.total()) {
        return resumed;
      }
    }
  }

  synchronized Optional<Pending> take(String actionId) {
    return Optional.ofNullable(pending.remove(actionId));
  }

  synchronized List<Pending> takeExpired(Instant now) {
    List<Pending> expired = new ArrayList<>();
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      Pending next = it.next();
      if (!now.isBefore(next.expiresAt())) {
        expired.add(next);
        it.remove();
      }
    }
    return expired;
  }

  /** Actions waiting now, oldest first. */
  public synchronized List<Pending> pending() {
    return List.copyOf(pending.values());
  }

  boolean complete(String actionId, Outcome outcome) {
    return sink.complete(actionId, outcome);
  }
}
