package io.x0tta6bl4.mapek.execute;

import static io.x0tta6bl4.mapek.execute.TestActions.T0;
import static io.x0tta6bl4.mapek.execute.TestActions.action;
import static io.x0tta6bl4.mapek.execute.TestActions.cycle;
import static io.x0tta6bl4.mapek.execute.TestActions.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.PeerTls;
import io.x0tta6bl4.testsupport.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against a real HTTP server on 127.0.0.1; only the waits between retries are faked. */
class WebhookActionHandlerTest {

  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

  private final MutableClock clock = new MutableClock(T0);
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final Sleeper recordingSleeper = sleeps::add;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final CountDownLatch never = new CountDownLatch(1);
  private final List<HandlerExecutor> executors = new ArrayList<>();
  private HttpServer server;
  private URI hook;

  record Received(String method, Map<String, List<String>> headers, byte[] raw) {
    String body() {
      return new String(raw, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  /** One answer of the test server; status -1 means "accept and never answer". */
  record Reply(int status, String body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", this::answer);
    server.start();
    hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stopServer() {
    never.countDown();
    executors.forEach(HandlerExecutor::close);
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(
        new Received(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), body));
    Reply reply = replies.poll();
    if (reply == null) {
      reply = new Reply(204, "");
    }
    if (reply.status() < 0) {
      awaitQuietly(never);
      exchange.close();
      return;
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void replyWith(int... statuses) {
    for (int status : statuses) {
      replies.add(new Reply(status, status >= 400 ? "status " + status : ""));
    }
  }

  private static ExecutorProperties.Webhook settings(
      URI defaultUrl, Duration requestTimeout, int maxRetries) {
    return settings(defaultUrl, requestTimeout, maxRetries, null);
  }

  private static ExecutorProperties.Webhook settings(
      URI defaultUrl, Duration requestTimeout, int maxRetries, WebhookSecret secret) {
    return new ExecutorProperties.Webhook(
        defaultUrl,
        Duration.ofSeconds(2),
        requestTimeout,
        maxRetries,
        INITIAL_BACKOFF,
        2.0,
        Duration.ofSeconds(5),
        secret,
        null);
  }

  private Outcome run(ExecutorProperties.Webhook settings, Sleeper sleeper, Action action) {
    Duration actionTimeout = Duration.ofSeconds(30);
    WebhookActionHandler handler =
        new WebhookActionHandler(
            WebhookActionHandler.httpClient(settings),
            PeerTls.unavailable(),
            settings,
            actionTimeout,
            clock,
            sleeper);
    HandlerExecutor executor = new HandlerExecutor(List.of(handler), actionTimeout, 4, clock);
    executors.add(executor);
    return executor.execute(cycle(Mode.ACTIVE), plan(Mode.ACTIVE, action)).get(0);
  }

  private Outcome run(int maxRetries, Action action) {
    return run(settings(null, Duration.ofSeconds(5), maxRetries), recordingSleeper, action);
  }

  private Action webhook(String id, URI url) {
    return action(id, "webhook", Map.of("url", url.toString(), "channel", "#sre"));
  }

  @Test
  void postsTheActionAsJsonWithAnIdempotencyKey() {
    replyWith(204);

    Outcome outcome = run(3, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message()).isEqualTo("POST " + hook + " -> 204 after 1 attempt");
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Idempotency-Key")).isEqualTo("42-1");
    assertThat(request.header("User-Agent")).isEqualTo("x0tta6bl4");
    JsonNode body = JsonMapper.builder().build().readTree(request.body());
    assertThat(body.get("source").asString()).isEqualTo("x0tta6bl4");
    assertThat(body.get("cycleId").asLong()).isEqualTo(42);
    assertThat(body.get("mode").asString()).isEqualTo("ACTIVE");
    assertThat(body.get("sentAt").asString()).isEqualTo(T0.toString());
    JsonNode action = body.get("action");
    assertThat(action.get("id").asString()).isEqualTo("42-1");
    assertThat(action.get("kind").asString()).isEqualTo("webhook");
    assertThat(action.get("target").asString()).isEqualTo("api");
    assertThat(action.get("policy").asString()).isEqualTo("saturation");
    assertThat(action.get("step").asInt()).isZero();
    assertThat(action.get("symptom").asString()).isEqualTo("heap_pressure");
    assertThat(action.get("reason").asString()).isEqualTo("heap above 90% for 3 cycles");
    assertThat(action.get("params").get("channel").asString()).isEqualTo("#sre");
    assertThat(sleeps).isEmpty();
  }

  /** What a receiver does: recompute the HMAC over the raw body and compare in constant time. */
  private static boolean signatureValid(Received request, String secret, long nowEpochSeconds)
      throws GeneralSecurityException {
    String timestamp = request.header(WebhookActionHandler.TIMESTAMP_HEADER);
    String signature = request.header(WebhookActionHandler.SIGNATURE_HEADER);
    if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
      return false;
    }
    if (Math.abs(nowEpochSeconds - Long.parseLong(timestamp)) > 300) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
    byte[] expected = mac.doFinal(request.raw());
    return MessageDigest.isEqual(
        expected, HexFormat.of().parseHex(signature.substring("sha256=".length())));
  }

  @Test
  void signsTimestampAndExactBodyWhenASecretIsSet() throws GeneralSecurityException {
    replyWith(204);
    ExecutorProperties.Webhook signed =
        settings(null, Duration.ofSeconds(5), 3, WebhookSecret.of("whsec-test"));

    Outcome outcome = run(signed, recordingSleeper, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    Received request = received.get(0);
    assertThat(request.header("X-X0-Timestamp")).isEqualTo(Long.toString(T0.getEpochSecond()));
    assertThat(request.header("X-X0-Signature")).matches("sha256=[0-9a-f]{64}");
    assertThat(signatureValid(request, "whsec-test", T0.getEpochSecond())).isTrue();
    assertThat(signatureValid(request, "another-secret", T0.getEpochSecond())).isFalse();
    assertThat(signatureValid(request, "whsec-test", T0.getEpochSecond() + 600))
        .as("a replay 10 minutes later")
        .isFalse();
  }

  @Test
  void signatureCoversTheTimestampAndEveryByteOfTheBody() throws GeneralSecurityException {
    replyWith(204);
    run(
        settings(null, Duration.ofSeconds(5), 3, WebhookSecret.of("whsec-test")),
        recordingSleeper,
        webhook("42-1", hook));
    Received request = received.get(0);
    Map<String, List<String>> otherTime = new HashMap<>(request.headers());
    otherTime.keySet().removeIf(WebhookActionHandler.TIMESTAMP_HEADER::equalsIgnoreCase);
    otherTime.put(
        WebhookActionHandler.TIMESTAMP_HEADER, List.of(Long.toString(T0.getEpochSecond() - 1)));
    byte[] tampered = request.raw().clone();
    tampered[tampered.length - 2] ^= 1;

    assertThat(signatureValid(request, "whsec-test", T0.getEpochSecond())).isTrue();
    assertThat(
            signatureValid(
                new Received("POST", otherTime, request.raw()), "whsec-test", T0.getEpochSecond()))
        .isFalse();
    assertThat(
            signatureValid(
                new Received("POST", request.headers(), tampered),
                "whsec-test",
                T0.getEpochSecond()))
        .isFalse();
  }

  @Test
  void retriesResendTheSameSignature() {
    replyWith(503, 204);

    run(
        settings(null, Duration.ofSeconds(5), 3, WebhookSecret.of("whsec-test")),
        recordingSleeper,
        webhook("42-1", hook));

    assertThat(received).hasSize(2);
    assertThat(received.get(1).header("X-X0-Signature"))
        .isEqualTo(received.get(0).header("X-X0-Signature"));
    assertThat(received.get(1).raw()).isEqualTo(received.get(0).raw());
  }

  @Test
  void unsignedWithoutASecret() {
    replyWith(204);

    run(3, webhook("42-1", hook));

    assertThat(received.get(0).header("X-X0-Signature")).isNull();
    assertThat(received.get(0).header("X-X0-Timestamp")).isNull();
  }

  @Test
  void retriesServerErrorsWithExponentialBackoffUntilItSucceeds() {
    replyWith(503, 503, 200);

    Outcome outcome = run(3, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(outcome.message()).isEqualTo("POST " + hook + " -> 200 after 3 attempts");
    assertThat(sleeps).containsExactly(INITIAL_BACKOFF, INITIAL_BACKOFF.multipliedBy(2));
    assertThat(received)
        .hasSize(3)
        .extracting(r -> r.header("Idempotency-Key"))
        .containsOnly("42-1");
  }

  @Test
  void clientErrorIsTerminalAndNotRetried() {
    replyWith(400);

    Outcome outcome = run(3, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message())
        .isEqualTo("POST " + hook + " -> 400 after 1 attempt, not retried: status 400");
    assertThat(received).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void exhaustedRetriesFailNamingTheLastStatus() {
    replyWith(429, 502, 503);

    Outcome outcome = run(2, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(outcome.message())
        .isEqualTo(
            "POST " + hook + " failed after 3 attempts (retries exhausted), last: 503: status 503");
    assertThat(received).hasSize(3);
    assertThat(sleeps).containsExactly(INITIAL_BACKOFF, INITIAL_BACKOFF.multipliedBy(2));
  }

  @Test
  void serverThatNeverAnswersFailsOnTheRequestTimeout() {
    replies.add(new Reply(-1, ""));

    Outcome outcome =
        run(settings(null, Duration.ofMillis(300), 0), recordingSleeper, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message()).endsWith("last: no response within 300ms");
    assertThat(received).hasSize(1);
  }

  @Test
  void refusedConnectionIsRetriedAndThenFails() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + closedPort + "/hook");

    Outcome outcome = run(1, webhook("42-1", closed));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(outcome.message())
        .startsWith("POST " + closed + " failed after 2 attempts (retries exhausted), last: ")
        .endsWith("last: could not connect (ConnectException)");
    assertThat(sleeps).containsExactly(INITIAL_BACKOFF);
  }

  @Test
  void nonHttpUrlFailsWithoutAnyRequest() {
    Outcome outcome = run(3, action("42-1", "webhook", Map.of("url", "file:///etc/passwd")));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isZero();
    assertThat(outcome.message())
        .isEqualTo("params.url must be an absolute http or https URL, but was file:///etc/passwd");
    assertThat(received).isEmpty();
  }

  @Test
  void missingUrlWithoutDefaultFailsNamingBothPlacesToSetIt() {
    Outcome outcome = run(3, action("42-1", "webhook"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message())
        .isEqualTo("no webhook url: set params.url or x0tta6bl4.executor.webhook.url");
    assertThat(received).isEmpty();
  }

  @Test
  void defaultUrlIsUsedWhenTheActionHasNone() {
    Outcome outcome =
        run(settings(hook, Duration.ofSeconds(5), 3), recordingSleeper, action("42-1", "webhook"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(received).hasSize(1);
  }

  @Test
  void interruptDuringBackoffStopsRetrying() {
    replyWith(503, 200);
    Sleeper interrupted =
        duration -> {
          throw new InterruptedException("cancelled");
        };

    Outcome outcome =
        run(settings(null, Duration.ofSeconds(5), 3), interrupted, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message())
        .contains("interrupted while backing off")
        .endsWith("last: 503: status 503");
    assertThat(received).hasSize(1);
  }

  @Test
  void noRetryStartsThatCouldNotFinishWithinTheActionTimeout() {
    replyWith(503, 200);
    ExecutorProperties.Webhook settings = settings(null, Duration.ofSeconds(5), 3);
    WebhookActionHandler handler =
        new WebhookActionHandler(
            WebhookActionHandler.httpClient(settings),
            PeerTls.unavailable(),
            settings,
            Duration.ofSeconds(5),
            clock,
            recordingSleeper);

    ActionResult result = runDirectly(handler, webhook("42-1", hook));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.message())
        .contains("another attempt would not finish within the 5s action timeout");
    assertThat(received).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void responseBodyInTheMessageIsBounded() {
    replies.add(new Reply(500, "e".repeat(5000)));

    Outcome outcome = run(0, webhook("42-1", hook));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message())
        .contains("e".repeat(100))
        .doesNotContain("e".repeat(WebhookActionHandler.MAX_BODY_IN_MESSAGE + 1));
  }

  @Test
  void queryStringStaysOutOfTheMessage() {
    URI withToken = URI.create(hook + "?token=s3cret");

    Outcome outcome = run(0, webhook("42-1", withToken));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.message()).isEqualTo("POST " + hook + "?… -> 204 after 1 attempt");
  }

  private static ActionResult runDirectly(WebhookActionHandler handler, Action action) {
    try {
      return handler.run(action, cycle(Mode.ACTIVE));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
