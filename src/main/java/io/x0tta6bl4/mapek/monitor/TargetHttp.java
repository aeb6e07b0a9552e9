package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.Tracing;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

/**
 * One GET against a watched target, bounded in time and in size; the scrape and probe sources share
 * it. The timeout covers the whole exchange (connecting, the headers and the body), so a server
 * that answers the headers and then trickles the body is cut off too. Every failure becomes a
 * {@link TargetDownException} whose message is a short reason: "timed out after 2s", "connection
 * refused or host unreachable", "body larger than 10485760 bytes".
 */
public final class TargetHttp {

  /** Default for {@code x0tta6bl4.monitor.max-body-bytes}: 10 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

  public static final String USER_AGENT = "x0tta6bl4";

  private static final int MAX_REASON = 200;
  private static final byte[] NO_BODY = new byte[0];

  private final HttpClient client;
  private final long maxBodyBytes;
  private final Tracing tracing;

  /** Access without tracing. */
  public TargetHttp(HttpClient client, long maxBodyBytes) {
    this(client, maxBodyBytes, Tracing.NONE);
  }

  /**
   * @param client shared by all targets; see {@link #newClient()}
   * @param maxBodyBytes most bytes of a body that is read; a larger one marks the target down
   * @param tracing where each observation becomes a CLIENT span, its context sent as {@code
   *     traceparent}
   */
  public TargetHttp(HttpClient client, long maxBodyBytes, Tracing tracing) {
    this.client = Objects.requireNonNull(client, "client");
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, but was " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * An HTTP/1.1 client that follows redirects except from https to http, as Prometheus and the
   * blackbox exporter do. Its threads are daemon threads.
   */
  public static HttpClient newClient() {
    return builder().build();
  }

  /** The settings of {@link #newClient()}, for a client that adds its own TLS. */
  static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL);
  }

  /** A status, the {@code Content-Type} ("" when absent) and the body (empty when not read). */
  public record Response(int status, String contentType, byte[] body) {}

  /** One observation of a target inside its span. */
  @FunctionalInterface
  public interface Observing<T, E extends TargetDownException> {
    T observe(TraceSpan span) throws E, InterruptedException;
  }

  /**
   * Runs one observation of {@code target} in a CLIENT span named {@code name} (a child of the
   * current span); the span is marked failed with the reason when the target turns out down.
   */
  public <T, E extends TargetDownException> T traced(
      String name, Target target, Observing<T, E> observing) throws E, InterruptedException {
    try (TraceSpan span = TraceNames.httpCall(tracing, name, "GET", target.url())) {
      span.set(TraceNames.TARGET, target.id());
      try {
        return observing.observe(span);
      } catch (TargetDownException e) {
        span.failed(e.getMessage());
        throw e;
      } catch (InterruptedException e) {
        span.failed("interrupted");
        throw e;
      }
    }
  }

  /** {@link #get(URI, Duration, String, IntPredicate, TraceSpan)} outside any span. */
  public Response get(URI url, Duration timeout, String accept, IntPredicate readBody)
      throws TargetDownException, InterruptedException {
    return get(url, timeout, accept, readBody, TraceSpan.NONE);
  }

  /**
   * GETs {@code url}.
   *
   * @param timeout longest the whole exchange may take
   * @param accept the {@code Accept} header
   * @param readBody which statuses the body is needed for; other bodies are discarded unread, so a
   *     large error page reports its status rather than its size
   * @param span the call's span: the request carries its context, and it records the status
   * @throws TargetDownException when no complete response arrived in time and within the limit
   * @throws InterruptedException when the caller was interrupted; the exchange is cancelled
   */
  public Response get(
      URI url, Duration timeout, String accept, IntPredicate readBody, TraceSpan span)
      throws TargetDownException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", accept)
            .header("User-Agent", USER_AGENT)
            .GET();
    span.inject(builder::header);
    HttpRequest request = builder.build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request, info -> body(info, readBody));
    try {
      HttpResponse<byte[]> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      span.set(TraceNames.HTTP_STATUS, response.statusCode());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new TargetDownException(Durations.timedOut(timeout));
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw new TargetDownException(reason(e.getCause(), timeout), e.getCause());
    }
  }

  private HttpResponse.BodySubscriber<byte[]> body(
      HttpResponse.ResponseInfo info, IntPredicate readBody) {
    if (!readBody.test(info.statusCode())) {
      return HttpResponse.BodySubscribers.replacing(NO_BODY);
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new BoundedBodySubscriber(maxBodyBytes, declared);
  }

  /** A short reason for a failed exchange; the JDK often puts the useful text on a cause. */
  static String reason(Throwable failure, Duration timeout) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BoundedBodySubscriber.BodyTooLargeException) {
        return t.getMessage();
      }
      if (t instanceof HttpTimeoutException) {
        return Durations.timedOut(timeout);
      }
      if (t instanceof ConnectException) {
        return connectFailure(t);
      }
    }
    String text = messages(failure);
    String name = failure.getClass().getSimpleName();
    return bounded(text.isEmpty() ? name : name + ": " + text);
  }

  /**
   * JDK 17's client reports a refused connection as a ConnectException with no text (the cause is a
   * ClosedChannelException), the same as an unreachable host; an unknown host has an
   * UnresolvedAddressException cause.
   */
  private static String connectFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "could not connect: unknown host";
      }
    }
    String text = messages(failure);
    if (text.isEmpty()) {
      return "connection refused or host unreachable";
    }
    return text.toLowerCase(Locale.ROOT).contains("refused")
        ? "connection refused"
        : bounded("could not connect: " + text);
  }

  private static String messages(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return "";
  }

  private static String bounded(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
  }
}
