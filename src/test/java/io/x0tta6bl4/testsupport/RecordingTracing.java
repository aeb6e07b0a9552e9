package io.x0tta6bl4.testsupport;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.Tracing;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Tracing} that keeps every span it started, for tests of what the loop reports. */
public final class RecordingTracing implements Tracing {

  /** One span as it ended: its parent's name (empty for a root), attributes, failure reason. */
  public static final class Recorded implements TraceSpan {
    private final String name;
    private final Kind kind;
    private final String parent;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Deque<Recorded> stack;
    private volatile String failure;

    Recorded(String name, Kind kind, String parent, Deque<Recorded> stack) {
      this.name = name;
      this.kind = kind;
      this.parent = parent;
      this.stack = stack;
    }

    public String name() {
      return name;
    }

    public Kind kind() {
      return kind;
    }

    public String parent() {
      return parent;
    }

    public Map<String, Object> attributes() {
      return attributes;
    }

    /** The reason it was marked failed, or null. */
    public String failure() {
      return failure;
    }

    @Override
    public TraceSpan set(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    @Override
    public TraceSpan set(String key, long value) {
      attributes.put(key, value);
      return this;
    }

    @Override
    public void failed(String reason) {
      failure = reason;
    }

    @Override
    public void failed(Throwable error) {
      failure = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    @Override
    public void close() {
      stack.remove(this);
    }
  }

  private final List<Recorded> spans = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Deque<Recorded>> current = ThreadLocal.withInitial(ArrayDeque::new);

  @Override
  public TraceSpan cycle(CycleContext cycle) {
    return start(TraceNames.CYCLE, SpanKind.INTERNAL, "").set(TraceNames.CYCLE_ID, cycle.cycleId());
  }

  @Override
  public TraceSpan child(String name, SpanKind kind) {
    Recorded parent = current.get().peek();
    return start(name, kind, parent == null ? "" : parent.name());
  }

  private Recorded start(String name, SpanKind kind, String parent) {
    Deque<Recorded> stack = current.get();
    Recorded span = new Recorded(name, Kind.of(kind), parent, stack);
    stack.push(span);
    spans.add(span);
    return span;
  }

  /** Every span started so far, in order. */
  public List<Recorded> spans() {
    return List.copyOf(spans);
  }

  public Optional<Recorded> find(String name) {
    return spans.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The port's span kind, under a name that does not clash inside this class. */
  public enum Kind {
    INTERNAL,
    CLIENT;

    static Kind of(SpanKind kind) {
      return kind == SpanKind.CLIENT ? CLIENT : INTERNAL;
    }
  }
}
