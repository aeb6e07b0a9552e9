package io.x0tta6bl4.mapek.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 and a free port, one handler per path, each exchange on its own
 * thread so a handler that hangs blocks nobody else. {@link #close()} releases hung handlers.
 */
public final class TestHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<String> acceptHeaders = new CopyOnWriteArrayList<>();

  public TestHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.start();
  }

  /** Answers {@code path} with a fixed status, content type and body (sent with its length). */
  public URI respond(String path, int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return handle(
        path,
        exchange -> {
          if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
          }
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }

  /** Accepts requests on {@code path} and never answers them (until {@link #close()}). */
  public URI hang(String path) {
    return handle(path, exchange -> awaitClose());
  }

  /** Sends 200 and the first part of a body, then stalls (until {@link #close()}). */
  public URI stallBody(String path, String firstPart) {
    return handle(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write(firstPart.getBytes(StandardCharsets.UTF_8));
          out.flush();
          awaitClose();
        });
  }

  public URI handle(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          acceptHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
          try (exchange) {
            handler.handle(exchange);
          }
        });
    return url(path);
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The {@code Accept} header of every request so far. */
  public List<String> acceptHeaders() {
    return acceptHeaders;
  }

  /** A URL on a port where nothing listens, so connecting is refused. */
  public static URI refusingUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/metrics");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitClose() {
    try {
      closing.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  /** Writes {@code body} in a response with no declared length (chunked). */
  public static void sendChunked(HttpExchange exchange, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
