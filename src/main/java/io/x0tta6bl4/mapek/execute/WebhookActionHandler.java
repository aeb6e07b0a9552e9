package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.PeerTls;
import io.x0tta6bl4.mapek.SpiffeIds;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code webhook}: POSTs the action as JSON to {@code params.url} (or the configured default URL).
 *
 * <p>Transient failures (I/O errors, timeouts, 5xx, 429) are retried with exponential backoff, at
 * most {@code max-retries} times and only while another attempt can still finish within the action
 * timeout; any other 4xx is terminal. Every attempt carries the same {@code Idempotency-Key} (the
 * action id), so a receiver can drop the duplicates that retries create.
 *
 * <p>When {@code x0tta6bl4.executor.webhook.secret} is set, every request is signed like Stripe and
 * Slack sign theirs: header {@value #TIMESTAMP_HEADER} carries the time of sending in epoch seconds
 * and {@value #SIGNATURE_HEADER} carries {@code sha256=<hex>}, the lower-case hex HMAC-SHA256,
 * keyed with the secret's UTF-8 bytes, of the message {@code <timestamp>.<body>} (the timestamp's
 * decimal digits, a full stop, then the exact body bytes). A receiver recomputes it over the raw
 * body, compares in constant time, and rejects a timestamp older than its tolerance (say 5
 * minutes), so a captured request cannot be replayed later. Retries resend the same bytes,
 * timestamp and signature, so they stay within any tolerance longer than the action timeout.
 *
 * <p>With a SPIFFE ID ({@code params.spiffe-id}, else {@code x0tta6bl4.executor.webhook.spiffe-id})
 * the request goes over mutual TLS 1.3: the controller presents its SVID and sends nothing unless
 * the receiver's certificate carries that ID.
 */
public final class WebhookActionHandler implements ActionHandler {

  public static final String KIND = "webhook";
  public static final String USER_AGENT = "x0tta6bl4";
  public static final String SIGNATURE_HEADER = "X-X0-Signature";
  public static final String TIMESTAMP_HEADER = "X-X0-Timestamp";

  /** Most characters of a response body that may reach an outcome message. */
  static final int MAX_BODY_IN_MESSAGE = 200;

  private static final int MAX_BODY_READ = 1024;

  private final HttpClient client;
  private final PeerTls peerTls;
  private final Map<String, HttpClient> mutualTls = new ConcurrentHashMap<>();
  private final ExecutorProperties.Webhook settings;
  private final Backoff backoff;
  private final Duration budget;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Tracing tracing;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * @param client the HTTP client; see {@link #httpClient}
   * @param peerTls mutual TLS for receivers with a SPIFFE ID
   * @param settings URL, timeouts and retry policy
   * @param budget the executor's action timeout: no retry is started that could not finish in it
   * @param clock for {@code sentAt} and for the budget
   * @param sleeper waits between attempts
   */
  public WebhookActionHandler(
      HttpClient client,
      PeerTls peerTls,
      ExecutorProperties.Webhook settings,
      Duration budget,
      Clock clock,
      Sleeper sleeper) {
    this(client, peerTls, settings, budget, clock, sleeper, Tracing.NONE);
  }

  /**
   * @param tracing where every attempt becomes a CLIENT span, its context sent as {@code
   *     traceparent}
   */
  public WebhookActionHandler(
      HttpClient client,
      PeerTls peerTls,
      ExecutorProperties.Webhook settings,
      Duration budget,
      Clock clock,
      Sleeper sleeper,
      Tracing tracing) {
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    this.client = Objects.requireNonNull(client, "client");
    this.peerTls = Objects.requireNonNull(peerTls, "peerTls");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.backoff =
        new Backoff(settings.initialBackoff(), settings.backoffMultiplier(), settings.maxBackoff());
    this.budget = Objects.requireNonNull(budget, "budget");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** An HTTP/1.1 client with the configured connect timeout that never follows redirects. */
  public static HttpClient httpClient(ExecutorProperties.Webhook settings) {
    return builder(settings).build();
  }

  private static HttpClient.Builder builder(ExecutorProperties.Webhook settings) {
    return HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ActionResult run(Action action, CycleContext cycle)
      throws TerminalActionException, InterruptedException {
    URI url = targetUrl(action);
    HttpClient sender = clientFor(action, url);
    Instant sentAt = clock.instant();
    byte[] body = WebhookPayload.json(json, action, cycle, sentAt);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", action.id())
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    sign(request, sentAt.getEpochSecond(), body);
    return sendWithRetries(sender, request.build(), "POST " + WebhookUrls.display(url));
  }

  /** The plain client, or the mutual TLS one for the receiver's SPIFFE ID. */
  private HttpClient clientFor(Action action, URI url) throws TerminalActionException {
    String raw = action.params().get("spiffe-id");
    String spiffeId = raw == null || raw.isBlank() ? settings.spiffeId() : raw.strip();
    if (spiffeId == null) {
      return client;
    }
    if (!SpiffeIds.valid(spiffeId)) {
      throw new TerminalActionException(
          "params.spiffe-id must be a SPIFFE ID like spiffe://example.org/ns/ops/sa/pager, but was "
              + Texts.bounded(spiffeId, 100));
    }
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      throw new TerminalActionException(
          "a webhook with a SPIFFE ID must use an https URL, but was " + WebhookUrls.display(url));
    }
    if (!peerTls.available()) {
      throw new TerminalActionException(PeerTls.MISSING);
    }
    return mutualTls.computeIfAbsent(spiffeId, id -> peerTls.secure(builder(settings), id).build());
  }

  private void sign(HttpRequest.Builder request, long epochSeconds, byte[] body) {
    WebhookSecret secret = settings.secret();
    if (secret != null) {
      request
          .header(TIMESTAMP_HEADER, Long.toString(epochSeconds))
          .header(SIGNATURE_HEADER, secret.sign(epochSeconds, body));
    }
  }

  private URI targetUrl(Action action) throws TerminalActionException {
    String raw = action.params().get("url");
    if (raw == null || raw.isBlank()) {
      if (settings.url() == null) {
        throw new TerminalActionException(
            "no webhook url: set params.url or x0tta6bl4.executor.webhook.url");
      }
      return settings.url();
    }
    try {
      URI url = new URI(raw.trim());
      if (WebhookUrls.isHttp(url)) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below like any other URL we do not accept
    }
    throw new TerminalActionException(
        "params.url must be an absolute http or https URL, but was " + Texts.bounded(raw, 100));
  }

  private ActionResult sendWithRetries(HttpClient sender, HttpRequest request, String what)
      throws TerminalActionException, InterruptedException {
    Instant start = clock.instant();
    for (int attempt = 1; ; attempt++) {
      String failure;
      try {
        return attempt(sender, request, what, attempt);
      } catch (RetryableActionException e) {
        failure = e.getMessage();
      }
      Optional<String> stop = stopOrWait(attempt, start);
      if (stop.isPresent()) {
        return ActionResult.failed(
            attempt,
            what
                + " failed after "
                + Texts.plural(attempt, "attempt")
                + " ("
                + stop.get()
                + "), last: "
                + failure);
      }
    }
  }

  /** Why no further attempt is made, or empty after waiting for the next one. */
  private Optional<String> stopOrWait(int attempt, Instant start) {
    if (attempt > settings.maxRetries()) {
      return Optional.of("retries exhausted");
    }
    Duration elapsed = Duration.between(start, clock.instant());
    Duration next = backoff.delayBefore(attempt).plus(settings.requestTimeout());
    if (elapsed.plus(next).compareTo(budget) > 0) {
      return Optional.of(
          "another attempt would not finish within the " + Texts.human(budget) + " action timeout");
    }
    return backOff(attempt);
  }

  /** Waits before the next attempt; an interrupt means the executor gave up on this action. */
  private Optional<String> backOff(int attempt) {
    try {
      sleeper.sleep(backoff.delayBefore(attempt));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while backing off");
    }
  }

  /** One attempt in its own span: retries are separate requests, as a receiver sees them. */
  private ActionResult attempt(HttpClient sender, HttpRequest request, String what, int attempt)
      throws RetryableActionException, TerminalActionException, InterruptedException {
    try (TraceSpan span = TraceNames.httpCall(tracing, TraceNames.WEBHOOK, "POST", request.uri())) {
      if (attempt > 1) {
        span.set(TraceNames.HTTP_RESEND_COUNT, attempt - 1);
      }
      HttpRequest.Builder traced = HttpRequest.newBuilder(request, (name, value) -> true);
      span.inject(traced::header);
      try {
        return answer(send(sender, traced.build(), attempt), what, attempt, span);
      } catch (ActionException e) {
        span.failed(e.getMessage());
        throw e;
      }
    }
  }

  private static ActionResult answer(
      HttpResponse<InputStream> response, String what, int attempt, TraceSpan span)
      throws RetryableActionException, TerminalActionException {
    int status = response.statusCode();
    span.set(TraceNames.HTTP_STATUS, status);
    String body = bodySnippet(response.body());
    String tried = " after " + Texts.plural(attempt, "attempt");
    if (status >= 200 && status < 300) {
      return ActionResult.succeeded(attempt, what + " -> " + status + tried);
    }
    String detail = body.isEmpty() ? "" : ": " + body;
    if (status >= 500 || status == 429) {
      throw new RetryableActionException(status + detail, attempt);
    }
    throw new TerminalActionException(
        what + " -> " + status + tried + ", not retried" + detail, attempt);
  }

  private HttpResponse<InputStream> send(HttpClient sender, HttpRequest request, int attempt)
      throws RetryableActionException, InterruptedException {
    try {
      return sender.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new RetryableActionException(
          "could not connect within " + Texts.human(settings.connectTimeout()), attempt, e);
    } catch (HttpTimeoutException e) {
      throw new RetryableActionException(
          "no response within " + Texts.human(settings.requestTimeout()), attempt, e);
    } catch (ConnectException e) {
      // the JDK client gives no text for a refused or unreachable port
      throw new RetryableActionException(
          "could not connect (" + Texts.describe(e, 200) + ")", attempt, e);
    } catch (IOException e) {
      throw new RetryableActionException(Texts.describe(e, 300), attempt, e);
    }
  }

  /** The start of the body on one line; a receiver's error page must not flood the message. */
  private static String bodySnippet(InputStream body) {
    try (body) {
      byte[] bytes = body.readNBytes(MAX_BODY_READ);
      String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
      return Texts.bounded(text, MAX_BODY_IN_MESSAGE);
    } catch (IOException e) {
      return "";
    }
  }
}
