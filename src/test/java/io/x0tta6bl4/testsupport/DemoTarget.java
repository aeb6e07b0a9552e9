package io.x0tta6bl4.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small service to heal, run as a real process on loopback. {@code serve PORT} serves {@code
 * /health} and {@code /metrics} (Prometheus text) and accepts faults on {@code POST /fault/<name>}:
 * {@code crash} (exits at once, like kill -9), {@code hang} (stops answering), {@code errors}
 * ({@code /health} answers 503), {@code clear}. {@code start PORT PIDFILE LOG} launches {@code
 * serve} as a detached process, waits until it accepts connections, writes its pid and exits — the
 * shape of a restart script that a {@code command} action runs.
 */
public final class DemoTarget {

  private volatile boolean hang;
  private volatile boolean errors;
  private final AtomicLong requests = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    if ("start".equals(args[0])) {
      start(port, Path.of(args[2]), Path.of(args[3]));
    } else {
      new DemoTarget().serve(port);
    }
  }

  /**
   * Stops the instance named in {@code pidFile} (if it still runs), launches {@code serve} detached
   * and returns its pid once it accepts connections.
   */
  public static long start(int port, Path pidFile, Path log) throws Exception {
    stop(pidFile);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    DemoTarget.class.getName(),
                    "serve",
                    Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    for (int i = 0; i < 200 && child.isAlive(); i++) {
      if (accepts(port)) {
        Files.writeString(pidFile, Long.toString(child.pid()));
        return child.pid();
      }
      Thread.sleep(50);
    }
    child.destroyForcibly();
    throw new IllegalStateException("demo target did not start on port " + port + "; see " + log);
  }

  /** Kills the instance named in {@code pidFile}, like kill -9, and waits until it is gone. */
  public static void stop(Path pidFile) throws Exception {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(pid)
        .ifPresent(
            process -> {
              process.destroyForcibly();
              process.onExit().join();
            });
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void serve(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/health", this::health);
    server.createContext("/metrics", this::metrics);
    server.createContext("/fault/", this::fault);
    server.start();
  }

  private void health(HttpExchange exchange) throws IOException {
    if (stalled(exchange)) {
      return;
    }
    requests.incrementAndGet();
    if (errors) {
      respond(exchange, 503, "application/json", "{\"status\":\"DOWN\"}");
    } else {
      respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (stalled(exchange)) {
      return;
    }
    String body =
        "# HELP demo_requests_total Requests served.\n# TYPE demo_requests_total counter\n"
            + "demo_requests_total{path=\"/health\"} "
            + requests.get()
            + "\n"
            + "# TYPE demo_errors gauge\ndemo_errors "
            + (errors ? 1 : 0)
            + "\n";
    respond(exchange, 200, "text/plain; version=0.0.4", body);
  }

  private void fault(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/fault/".length());
    switch (name) {
      case "crash" -> Runtime.getRuntime().halt(137);
      case "hang" -> hang = true;
      case "errors" -> errors = true;
      case "clear" -> {
        hang = false;
        errors = false;
      }
      default -> {
        respond(exchange, 404, "text/plain", "unknown fault " + name);
        return;
      }
    }
    respond(exchange, 200, "text/plain", "fault " + name);
  }

  /** While hanging, a request is accepted and never answered. */
  private boolean stalled(HttpExchange exchange) {
    return hang;
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
